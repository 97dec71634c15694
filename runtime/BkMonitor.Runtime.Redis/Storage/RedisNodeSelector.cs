using System.Globalization;
using BkMonitor.Runtime.Redis.Routing;

namespace BkMonitor.Runtime.Redis.Storage;

/// <summary>
/// Maps a grain to the Redis node holding its state, with bk-monitor's CacheRouter semantics: the grain's
/// strategy id picks the node of the first router scoring above it; strategy 0 goes to the default node.
/// </summary>
public sealed class RedisNodeSelector
{
    private readonly CacheRouterTable? _table;
    private readonly string[] _nodeNames;
    private readonly int _defaultIndex;
    private readonly Func<GrainId, int> _strategyIdOf;

    public RedisNodeSelector(RedisStorageOptions options)
    {
        _nodeNames = [.. options.Nodes.Select(n => n.Name)];
        _defaultIndex = Array.IndexOf(_nodeNames, options.DefaultNode.Name);
        _strategyIdOf = options.StrategyIdSelector ?? StrategyIdOf;
        if (options.Routers.Count > 0)
        {
            _table = new CacheRouterTable();
            foreach (var router in options.Routers)
            {
                _table.AddRouter(Array.IndexOf(_nodeNames, router.Node), router.Floor, router.Ceil);
            }
        }
    }

    /// <summary>The node name for the grain; throws <see cref="StrategyRouteNotFoundException"/> past the last router.</summary>
    public string NodeFor(GrainId grainId)
    {
        if (_table is null) return _nodeNames[_defaultIndex];
        return _nodeNames[_table.NodeFor(_strategyIdOf(grainId), _defaultIndex)];
    }

    /// <summary>
    /// The strategy id of a grain: its integer key, or the leading integer of a key such as <c>1001:host</c>
    /// or <c>1001.abc</c>; anything else is 0 (the default node). Integers beyond int range (alert ids,
    /// timestamps) are not strategy ids and count as 0 too.
    /// </summary>
    public static int StrategyIdOf(GrainId grainId)
    {
        var key = grainId.Key.AsSpan();
        var end = key.IndexOfAny(':', '.');
        var head = end < 0 ? key : key[..end];
        return int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
    }
}
