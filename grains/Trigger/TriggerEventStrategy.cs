namespace BkMonitor.Grains.Trigger;

/// <summary>
/// The strategy facts an event carries: ids, name, scenario, data type, metric ids, and the
/// aggregation dimensions that decide which data dimensions become the target and tags.
/// </summary>
internal sealed record TriggerEventStrategy(
    long StrategyId,
    long BkBizId,
    string Name,
    IReadOnlySet<string> AggDimensions,
    string Scenario = "",
    string DataTypeLabel = "time_series",
    IReadOnlyList<string>? Metrics = null)
{
    /// <summary>
    /// The union of the first item's query configs' agg_dimension; events collected by bk-monitor's own
    /// collector (data_source_label bk_monitor, data_type_label event) also target their host.
    /// </summary>
    public static IReadOnlySet<string> AggDimensionsOf(
        IEnumerable<(string DataSourceLabel, string DataTypeLabel, IEnumerable<string> AggDimension)> queryConfigs)
    {
        var dimensions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (source, type, aggDimension) in queryConfigs)
        {
            dimensions.UnionWith(aggDimension);
            if (type == "event" && source == "bk_monitor")
            {
                dimensions.Add("bk_target_ip");
                dimensions.Add("bk_target_cloud_id");
            }
        }
        return dimensions;
    }
}
