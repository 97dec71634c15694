namespace BkMonitor.Runtime.Redis;

/// <summary>
/// Grain storage on Redis: nodes, CacheRouter-style sharding by strategy id, key naming (seed convention)
/// and disposable-state TTLs.
/// </summary>
public sealed class RedisStorageOptions : RedisProviderOptions
{
    public List<RedisNodeOptions> Nodes { get; set; } = [];

    /// <summary>
    /// bk-monitor <c>add_router</c> calls, applied in order. Empty: every state lives on the default node.
    /// </summary>
    public List<RedisRouterOptions> Routers { get; set; } = [];

    /// <summary>
    /// Overrides how a grain maps to a strategy id (default: <see cref="Storage.RedisNodeSelector.StrategyIdOf"/>).
    /// </summary>
    public Func<GrainId, int>? StrategyIdSelector { get; set; }

    /// <summary>States (by state name) that are disposable (windows, caches) expire this long after their last write.</summary>
    public Dictionary<string, TimeSpan> StateTtl { get; set; } = new(StringComparer.Ordinal);

    public void Validate()
    {
        ValidateCommon("Redis storage");
        if (Nodes.Count == 0) throw new ArgumentException("Redis storage needs at least one node.");
        foreach (var node in Nodes) node.Validate();
        if (Nodes.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count() != Nodes.Count)
        {
            throw new ArgumentException("Redis node names must be unique.");
        }
        if (Nodes.Count(n => n.IsDefault) > 1) throw new ArgumentException("At most one Redis node may be the default.");
        for (var i = 0; i < Routers.Count; i++)
        {
            if (!Nodes.Exists(n => n.Name == Routers[i].Node))
            {
                throw new ArgumentException($"Routers[{i}].Node '{Routers[i].Node}' is not a configured Redis node ({string.Join(", ", Nodes.Select(n => n.Name))}).");
            }
        }
        foreach (var (state, ttl) in StateTtl)
        {
            if (ttl <= TimeSpan.Zero) throw new ArgumentException($"StateTtl['{state}'] must be positive, got {ttl}.");
        }
    }

    /// <summary>The default node: the one marked default, else the first.</summary>
    public RedisNodeOptions DefaultNode => Nodes.FirstOrDefault(n => n.IsDefault) ?? Nodes[0];
}

/// <summary>One bk-monitor <c>add_router(node, floor, ceil)</c> call: strategies [floor, ceil] live on <see cref="Node"/>.</summary>
public sealed class RedisRouterOptions
{
    public string Node { get; set; } = "";

    public int Floor { get; set; }

    public int Ceil { get; set; } = Routing.CacheRouterTable.DefaultCeil;
}
