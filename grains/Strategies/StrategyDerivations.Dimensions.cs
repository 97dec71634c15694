using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Strategies;

public static partial class StrategyDerivations
{
    private static readonly string[] InstanceDimensions = ["bk_target_ip", "bk_target_service_instance_id", "bk_host_id"];

    /// <summary>Target field <c>ip</c> is the old name of <c>bk_target_ip</c>.</summary>
    public static string NormalizeTargetField(string field) => field == "ip" ? "bk_target_ip" : field;

    /// <summary>
    /// The dimensions a query really groups by. Like bk-monitor's strategy cache, a static-IP target adds
    /// <c>bk_target_ip</c>/<c>bk_target_cloud_id</c> (FTA events: <c>ip</c>/<c>bk_cloud_id</c>) unless an
    /// instance dimension is already there, otherwise the target could never match; a topo target on
    /// collector logs adds <c>bk_obj_id</c>/<c>bk_inst_id</c>. PromQL queries are left alone.
    /// </summary>
    public static IReadOnlyList<string> EffectiveAggDimension(StrategyItem item, QueryConfig query)
    {
        if (!string.IsNullOrEmpty(query.Promql) || item.Target.Count == 0 || item.Target[0].Count == 0)
        {
            return query.AggDimension;
        }

        var isIpTarget = NormalizeTargetField(item.Target[0][0].Field) == "bk_target_ip";
        var hasInstance = query.AggDimension.Any(InstanceDimensions.Contains);
        var dimensions = new List<string>(query.AggDimension);
        if (isIpTarget)
        {
            if (query.DataSourceLabel == "bk_fta" && query.DataTypeLabel == "event") dimensions.AddRange(["ip", "bk_cloud_id"]);
            else if (!hasInstance) dimensions.AddRange(["bk_target_ip", "bk_target_cloud_id"]);
        }
        else if (query.DataSourceLabel == "bk_monitor" && query.DataTypeLabel == "log" && !hasInstance)
        {
            dimensions.AddRange(["bk_obj_id", "bk_inst_id"]);
        }
        return dimensions.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The record dimensions of an item: the union of its queries' effective group-by fields.</summary>
    public static IReadOnlyList<string> ItemDimensions(StrategyItem item)
    {
        var dimensions = new List<string>();
        foreach (var query in item.QueryConfigs)
        {
            foreach (var field in EffectiveAggDimension(item, query))
            {
                if (!dimensions.Contains(field)) dimensions.Add(field);
            }
        }
        return dimensions;
    }
}
