namespace BkMonitor.Runtime.Redis.Routing;

/// <summary>
/// bk-monitor's <c>CacheRouter</c> table for one cluster: boundaries sorted by score, a strategy lives on
/// the node of the first boundary whose score is greater than its id, strategy 0 on the default node.
/// <see cref="AddRouter"/> reproduces <c>add_router</c> and <c>optimize_router</c>.
/// </summary>
public sealed class CacheRouterTable
{
    public const int DefaultCeil = 1 << 20;
    private readonly List<CacheRouter> _routers;

    public CacheRouterTable(IEnumerable<CacheRouter>? routers = null)
    {
        _routers = [.. (routers ?? []).OrderBy(r => r.StrategyScore)];
        for (var i = 1; i < _routers.Count; i++)
        {
            if (_routers[i].StrategyScore == _routers[i - 1].StrategyScore)
            {
                throw new ArgumentException($"two routers share strategy_score {_routers[i].StrategyScore}", nameof(routers));
            }
        }
    }

    public IReadOnlyList<CacheRouter> Routers => _routers;

    /// <summary>The node of a strategy; strategy 0 (work not tied to one strategy) goes to <paramref name="defaultNodeId"/>.</summary>
    public int NodeFor(int strategyId, int defaultNodeId)
    {
        if (strategyId == 0)
        {
            return defaultNodeId;
        }
        var index = FirstIndexAbove(strategyId);
        return index < _routers.Count
            ? _routers[index].NodeId
            : throw new StrategyRouteNotFoundException(strategyId, _routers.Count == 0 ? null : _routers[^1].StrategyScore);
    }

    /// <summary>
    /// Routes strategies <c>[floor, ceil]</c> to <paramref name="nodeId"/>: split the range containing
    /// floor (the part below keeps its node), drop boundaries in <c>(floor, ceil + 1]</c>, add
    /// <c>(ceil + 1, node)</c> unless the next boundary already routes to the node, then merge neighbours
    /// that share a node.
    /// </summary>
    public void AddRouter(int nodeId, int floor = 0, int ceil = DefaultCeil)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(floor);
        ArgumentOutOfRangeException.ThrowIfLessThan(ceil, floor);
        ArgumentOutOfRangeException.ThrowIfEqual(ceil, int.MaxValue);
        var end = ceil + 1;
        if (_routers.Count == 0)
        {
            _routers.Add(new CacheRouter(end, nodeId));
            return;
        }

        var upperIndex = FirstIndexAtOrAbove(floor);
        if (upperIndex == _routers.Count)
        {
            // bk-monitor fails here too (no router at or above floor): strategies between the last
            // boundary and floor would silently move to the new node.
            throw new InvalidOperationException(
                $"floor {floor} lies above the last router (score {_routers[^1].StrategyScore}); strategies in " +
                $"[{_routers[^1].StrategyScore}, {floor}) have no node, start the range at or below {_routers[^1].StrategyScore}");
        }

        var upper = _routers[upperIndex];
        if (upper.StrategyScore != floor)
        {
            _routers.Insert(upperIndex, new CacheRouter(floor, upper.NodeId));
        }
        if (upper.NodeId == nodeId)
        {
            // Below floor already routes to the node: the split boundary would only separate equals.
            _routers.RemoveAt(upperIndex);
        }
        _routers.RemoveAll(r => r.StrategyScore > floor && r.StrategyScore <= end);

        var next = FirstIndexAtOrAbove(floor);
        if (next == _routers.Count || _routers[next].NodeId != nodeId)
        {
            _routers.Insert(FirstIndexAtOrAbove(end), new CacheRouter(end, nodeId));
        }
        MergeNeighbours();
    }

    /// <summary>bk-monitor's optimize_router: of adjacent boundaries with the same node, only the highest stays.</summary>
    private void MergeNeighbours()
    {
        for (var i = _routers.Count - 2; i >= 0; i--)
        {
            if (_routers[i].NodeId == _routers[i + 1].NodeId)
            {
                _routers.RemoveAt(i);
            }
        }
    }

    private int FirstIndexAbove(int strategyId) => strategyId == int.MaxValue ? _routers.Count : FirstIndexAtOrAbove(strategyId + 1);

    private int FirstIndexAtOrAbove(int score)
    {
        int lo = 0, hi = _routers.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_routers[mid].StrategyScore < score)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
