using BkMonitor.Runtime.Redis.Routing;

namespace BkMonitor.Runtime.Redis;

/// <summary>
/// One Redis node (bk-monitor's CacheNode): either a direct endpoint, or Sentinel-style
/// (<see cref="Sentinels"/> + <see cref="MasterName"/>) where the current master is asked of the sentinels.
/// </summary>
public sealed class RedisNodeOptions
{
    /// <summary>Node alias, referenced by cache routers.</summary>
    public string Name { get; set; } = "default";

    /// <summary>StackExchange.Redis configuration, e.g. <c>127.0.0.1:6379,password=...</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Sentinel endpoints (host:port) for a SentinelRedisCache node.</summary>
    public List<string> Sentinels { get; set; } = [];

    public string? MasterName { get; set; }

    public string? Password { get; set; }

    /// <summary>Strategy 0 and anything unrouted go to the default node.</summary>
    public bool IsDefault { get; set; }

    /// <summary>A bk-monitor CacheNode row as node options; the node is named by its id, which routers reference.</summary>
    public static RedisNodeOptions FromCacheNode(CacheNode node)
    {
        var options = new RedisNodeOptions
        {
            Name = node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Password = node.Password.Length > 0 ? node.Password : null,
            IsDefault = node.IsDefault,
        };
        if (node.CacheType == CacheNodeType.SentinelRedisCache)
        {
            options.Sentinels = [$"{node.Host}:{node.Port}"];
            options.MasterName = node.ConnectionKwargs.GetValueOrDefault("master_name");
        }
        else
        {
            options.ConnectionString = node.Password.Length > 0 ? $"{node.Host}:{node.Port},password={node.Password}" : $"{node.Host}:{node.Port}";
        }
        return options;
    }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("Redis node Name is required.");
        var direct = !string.IsNullOrWhiteSpace(ConnectionString);
        var sentinel = Sentinels.Count > 0;
        if (direct == sentinel)
        {
            throw new ArgumentException($"Redis node '{Name}' needs exactly one of ConnectionString or Sentinels (+ MasterName).");
        }
        if (sentinel && string.IsNullOrWhiteSpace(MasterName))
        {
            throw new ArgumentException($"Redis node '{Name}' uses sentinels and needs MasterName.");
        }
    }
}
