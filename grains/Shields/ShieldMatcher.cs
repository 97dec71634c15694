using System.Globalization;
using BkMonitor.GrainInterfaces.Shields;
using BkMonitor.Grains.Alerts;

namespace BkMonitor.Grains.Shields;

/// <summary>
/// Whether a shield covers an alert (bk-monitor's ShieldObj): every field set in dimension_config
/// must match (any-of per key), and dimension_conditions, split into AND-groups at each
/// <c>condition: or</c>, must have one group fully matching. Built once per shield config.
/// </summary>
internal sealed class ShieldMatcher
{
    private readonly List<ShieldDimensionRule> _fieldRules = [];
    private readonly List<List<ShieldDimensionRule>> _conditionGroups = [];
    private readonly HashSet<string>? _hosts;

    public ShieldMatcher(ShieldConfig shield)
    {
        Shield = shield ?? throw new ArgumentNullException(nameof(shield));
        var config = shield.DimensionConfig ?? new ShieldDimensionConfig();
        if (shield.Category is ShieldCategory.Strategy or ShieldCategory.Dimension) BuildConditionGroups(config.DimensionConditions);
        if (shield.Category == ShieldCategory.Dimension) return;

        AddRule("strategy_id", config.StrategyIds?.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        AddRule("level", config.Levels?.Select(l => l.ToString(CultureInfo.InvariantCulture)));
        AddRule("service_instance_id", config.ServiceInstanceIds);
        AddRule("bk_host_id", config.HostIds);
        AddRule("metric_id", config.MetricIds);
        // A single business node means "the whole business": no topo constraint.
        if (config.TopoNodes is { } nodes && !(nodes.Count == 1 && nodes[0].ObjectId == "biz"))
        {
            AddRule("bk_topo_node", nodes.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.ObjectId}|{n.InstanceId}")));
        }
        if (config.Hosts is { } hosts)
        {
            _hosts = [.. hosts.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Ip.Trim()}|{h.CloudId}"))];
        }
        if (shield.Category == ShieldCategory.Alert && config.Dimensions is { } dimensions)
        {
            foreach (var (key, value) in dimensions) AddRule(key, [value]);
        }
    }

    public ShieldConfig Shield { get; }

    /// <summary>Enabled, active now in the business's time zone, and covering the alert.</summary>
    public bool IsShielding(AlertRecord alert, IReadOnlyDictionary<string, IReadOnlyList<string>> alertDimensions, DateTimeOffset now, TimeZoneInfo bizZone)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return IsShielding(alert.BkBizId, alert.Id, alertDimensions, now, bizZone);
    }

    /// <summary>Enabled, not deleted, active now in the business's time zone, and covering the alert.</summary>
    public bool IsShielding(long bkBizId, string alertId, IReadOnlyDictionary<string, IReadOnlyList<string>> alertDimensions, DateTimeOffset now, TimeZoneInfo bizZone)
        => Shield.IsEnabled && Shield.DeleteTime is null && ShieldSchedule.IsActive(Shield, now, bizZone) && Matches(bkBizId, alertId, alertDimensions);

    public bool Matches(long bkBizId, string alertId, IReadOnlyDictionary<string, IReadOnlyList<string>> alertDimensions)
    {
        ArgumentNullException.ThrowIfNull(alertDimensions);
        if (bkBizId != Shield.BkBizId) return false;
        if (Shield.Category == ShieldCategory.Alert)
        {
            if (Shield.DimensionConfig.AlertId is { } shieldedId && shieldedId == alertId) return true;
            if (Shield.DimensionConfig.Dimensions is null) return false;
        }
        foreach (var rule in _fieldRules)
        {
            if (!rule.IsMatch(alertDimensions)) return false;
        }
        return HostMatches(alertDimensions) && ConditionsMatch(alertDimensions);
    }

    // Hosts compare as "ip|cloud_id"; the alert's cloud id defaults to 0.
    private bool HostMatches(IReadOnlyDictionary<string, IReadOnlyList<string>> dims)
    {
        if (_hosts is null) return true;
        var ip = dims.TryGetValue("bk_target_ip", out var ips) && ips.Count > 0 ? ips[0].Trim() : "";
        var cloud = dims.TryGetValue("bk_target_cloud_id", out var clouds) && clouds.Count > 0 ? clouds[0].Trim() : "0";
        return _hosts.Contains(ip + "|" + cloud);
    }

    private bool ConditionsMatch(IReadOnlyDictionary<string, IReadOnlyList<string>> dims)
    {
        if (_conditionGroups.Count == 0) return true;
        foreach (var group in _conditionGroups)
        {
            if (group.TrueForAll(rule => rule.IsMatch(dims))) return true;
        }
        return false;
    }

    private void BuildConditionGroups(IReadOnlyList<ShieldCondition>? conditions)
    {
        if (conditions is null) return;
        var group = new List<ShieldDimensionRule>();
        foreach (var condition in conditions)
        {
            if (condition.Condition == "or" && group.Count > 0)
            {
                _conditionGroups.Add(group);
                group = [];
            }
            group.Add(new ShieldDimensionRule(condition.Key, condition.Method, condition.Value));
        }
        if (group.Count > 0) _conditionGroups.Add(group);
    }

    private void AddRule(string key, IEnumerable<string>? values)
    {
        if (values is not null) _fieldRules.Add(new ShieldDimensionRule(key, "eq", [.. values]));
    }
}
