using System.Text.Json.Serialization;

namespace BkMonitor.Runtime.Redis.Routing;

/// <summary>How a cache node is reached: a plain Redis or a Redis behind Sentinel.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CacheNodeType>))]
public enum CacheNodeType
{
    RedisCache,
    SentinelRedisCache,
}

/// <summary>
/// One Redis node of an alarm cluster (bk-monitor <c>CacheNode</c>). Sentinel nodes carry
/// <c>master_name</c> and <c>sentinel_password</c> in <see cref="ConnectionKwargs"/>.
/// </summary>
public sealed record CacheNode
{
    [JsonPropertyName("id")]
    public required int Id { get; init; }

    [JsonPropertyName("cluster_name")]
    public string ClusterName { get; init; } = "default";

    [JsonPropertyName("cache_type")]
    public CacheNodeType CacheType { get; init; } = CacheNodeType.RedisCache;

    [JsonPropertyName("host")]
    public required string Host { get; init; }

    [JsonPropertyName("port")]
    public required int Port { get; init; }

    [JsonPropertyName("password")]
    public string Password { get; init; } = "";

    [JsonPropertyName("connection_kwargs")]
    public IReadOnlyDictionary<string, string> ConnectionKwargs { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("is_enable")]
    public bool IsEnable { get; init; } = true;

    [JsonPropertyName("is_default")]
    public bool IsDefault { get; init; }

    [JsonPropertyName("node_alias")]
    public string NodeAlias { get; init; } = "";

    [JsonPropertyName("create_time")]
    public long CreateTime { get; init; }

    /// <summary>The cluster's default node; with duplicates (a deployment race in bk-monitor) the lowest id wins.</summary>
    public static CacheNode? DefaultOf(IEnumerable<CacheNode> nodes, string clusterName) =>
        nodes.Where(n => n.IsDefault && n.ClusterName == clusterName).MinBy(n => n.Id);

    /// <summary>Field-level problems keyed by JSON name; empty when the node is usable.</summary>
    public Dictionary<string, List<string>> Validate()
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Host))
        {
            errors["host"] = ["host must not be empty"];
        }
        if (Port is < 1 or > 65535)
        {
            errors["port"] = [$"port {Port} is outside 1..65535"];
        }
        if (CacheType == CacheNodeType.SentinelRedisCache && string.IsNullOrEmpty(ConnectionKwargs.GetValueOrDefault("master_name")))
        {
            errors["connection_kwargs.master_name"] = ["a Sentinel node needs master_name"];
        }
        return errors;
    }

    public override string ToString()
    {
        var id = $"[{NodeAlias}]{CacheType}-{Host}:{Port}";
        return CacheType == CacheNodeType.SentinelRedisCache ? $"{id}-{ConnectionKwargs.GetValueOrDefault("master_name")}" : id;
    }
}
