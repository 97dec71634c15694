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
