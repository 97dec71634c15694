namespace BkMonitor.Runtime.Redis;

/// <summary>Grain storage on Redis: nodes, key naming (seed convention) and disposable-state TTLs.</summary>
public sealed class RedisStorageOptions
{
    public List<RedisNodeOptions> Nodes { get; set; } = [];

    /// <summary>Key prefix parts: <c>{app_code}.{platform}[.{env}].{service}.{type}.{identifier}</c>.</summary>
    public string AppCode { get; set; } = "bk_monitor";

    public string Platform { get; set; } = "ee";

    /// <summary>Environment tag; omitted from keys when empty (production).</summary>
    public string? Env { get; set; }

    /// <summary>States that are disposable (windows, caches) expire this long after their last write.</summary>
    public Dictionary<string, TimeSpan> StateTtl { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Attempts per operation when the connection is lost (with exponential backoff).</summary>
    public int MaxAttempts { get; set; } = 4;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public void Validate()
    {
        if (Nodes.Count == 0) throw new ArgumentException("Redis storage needs at least one node.");
        foreach (var node in Nodes) node.Validate();
        if (Nodes.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count() != Nodes.Count)
        {
            throw new ArgumentException("Redis node names must be unique.");
        }
        if (Nodes.Count(n => n.IsDefault) > 1) throw new ArgumentException("At most one Redis node may be the default.");
        if (string.IsNullOrWhiteSpace(AppCode) || string.IsNullOrWhiteSpace(Platform))
        {
            throw new ArgumentException("AppCode and Platform are required for key naming.");
        }
        if (MaxAttempts < 1) throw new ArgumentException("MaxAttempts must be at least 1.");
    }

    /// <summary>The default node: the one marked default, else the first.</summary>
    public RedisNodeOptions DefaultNode => Nodes.FirstOrDefault(n => n.IsDefault) ?? Nodes[0];
}
