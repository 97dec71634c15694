using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Routing;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Routing;

/// <summary>
/// Alarm cluster routing as grain placement: a strategy-keyed grain (strategy, detect, trigger, alert manager, and the alert and
/// alert watch list grains whose key starts with the strategy id) of a business that a
/// rule gives to cluster X needs a silo with role X; the <c>default</c> cluster, an unknown strategy and every other
/// grain need no role. Each silo holds the table published by <see cref="IAlarmRoutingGrain"/>; applying a newer one
/// raises <see cref="RulesChanged"/>, on which the runtime deactivates the grains now misplaced so that their next
/// call activates them (with their stored state) on the right silo group.
/// </summary>
public sealed class AlarmClusterPlacement : IPlacementRoleResolver, IPlacementRoleResolverNotifications
{
    private static readonly FrozenSet<string> AlertKeyedTypes = FrozenSet.ToFrozenSet(["alert", Alerts.AlertWatchListGrain.GrainTypeName], StringComparer.Ordinal);
    private static readonly FrozenSet<string> StrategyKeyedTypes = FrozenSet.ToFrozenSet(["strategy", "detect", "trigger", Alerts.AlertManagerGrain.GrainTypeName], StringComparer.Ordinal);
    private readonly Lock _applyLock = new();
    private volatile Snapshot _current = new(0, null, FrozenDictionary<long, long>.Empty);

    public event Action? RulesChanged;

    /// <summary>The version of the table in force on this silo (0: none applied yet).</summary>
    public long Version => _current.Version;

    public string? ResolveRole(GrainId grainId, GrainClassDescriptor grainClass)
    {
        var current = _current;
        if (current.Routing is null || StrategyOf(grainId) is not { } strategyId || !current.StrategyBiz.TryGetValue(strategyId, out var bkBizId))
        {
            return null;
        }
        return RoleOf(current.Routing.OwnerOf(RoutingTargetType.Biz, bkBizId));
    }

    // Strategy-keyed grains carry the id as their key; an alert (or watch list) grain's key starts with its strategy's id.
    private static long? StrategyOf(GrainId grainId)
    {
        if (StrategyKeyedTypes.Contains(grainId.Type))
        {
            return long.TryParse(grainId.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        return AlertKeyedTypes.Contains(grainId.Type) && AlertGrainKey.TryParse(grainId.Key, out var strategyId, out _) ? strategyId : null;
    }

    /// <summary>The silo role hosting a business's grains; null for the default cluster (any silo).</summary>
    public string? RoleOfBiz(long bkBizId) => _current.Routing is { } routing ? RoleOf(routing.OwnerOf(RoutingTargetType.Biz, bkBizId)) : null;

    /// <summary>Applies <paramref name="table"/> unless this silo already holds it or a newer one; true when applied.</summary>
    /// <exception cref="ArgumentException">A rule is invalid (the routing grain validates before storing, so only a corrupt table).</exception>
    public bool Apply(AlarmRoutingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        bool moves;
        lock (_applyLock)
        {
            var previous = _current;
            if (table.Version <= previous.Version) return false;
            var routing = new AlarmClusterRouting(AlarmClusterRouting.DefaultClusterName, table.Rules);
            var rules = JsonSerializer.Serialize(table.Rules);
            _current = new Snapshot(table.Version, routing, table.StrategyBiz.ToFrozenDictionary(), rules);
            moves = MayMoveGrains(previous, _current);
        }
        // Every strategy save republishes the table (its biz); rebalancing scans every activation of the silo, so it
        // runs only when some strategy's silo group really changed.
        if (moves) RulesChanged?.Invoke();
        return true;
    }

    /// <summary>Whether some strategy's role differs between the two tables (only strategies whose biz changed when the rules did not).</summary>
    private static bool MayMoveGrains(Snapshot previous, Snapshot next)
    {
        var rulesChanged = previous.Rules != next.Rules;
        foreach (var (strategyId, bkBizId) in next.StrategyBiz)
        {
            var unchanged = previous.StrategyBiz.TryGetValue(strategyId, out var before) && before == bkBizId;
            if ((rulesChanged || !unchanged) && RoleOf(previous, strategyId) != RoleOf(next, strategyId)) return true;
        }
        foreach (var strategyId in previous.StrategyBiz.Keys)
        {
            if (!next.StrategyBiz.ContainsKey(strategyId) && RoleOf(previous, strategyId) is not null) return true;
        }
        return false;
    }

    private static string? RoleOf(Snapshot snapshot, long strategyId) =>
        snapshot.Routing is { } routing && snapshot.StrategyBiz.TryGetValue(strategyId, out var bkBizId)
            ? RoleOf(routing.OwnerOf(RoutingTargetType.Biz, bkBizId))
            : null;

    private static string? RoleOf(string? cluster) => cluster is null or AlarmClusterRouting.DefaultClusterName ? null : cluster;

    private sealed record Snapshot(long Version, AlarmClusterRouting? Routing, FrozenDictionary<long, long> StrategyBiz, string Rules = "");
}
