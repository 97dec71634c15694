using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Strategies;

public static partial class StrategyDerivations
{
    // Data sources whose engine evaluates every condition method itself (bk-monitor's UnifyQueryDataSources).
    private static readonly (string Source, string Type)[] UnifyQuerySources =
        [("bk_monitor", "time_series"), ("custom", "time_series"), ("bk_apm", "event")];

    /// <summary>
    /// bk-monitor's <c>query_md5</c>: strategies whose items hash equal share one access query (the
    /// strategy group key). It covers the effective group-by (target dimensions added), not the target
    /// itself. Only pulled data has one: time series, logs, custom events and FTA events; for anything
    /// else it is <c>""</c>.
    /// </summary>
    public static string QueryMd5(long bkBizId, StrategyItem item)
    {
        if (item.QueryConfigs.Count == 0) return "";
        var first = item.QueryConfigs[0];
        var pulled = first.DataTypeLabel is "time_series" or "log"
            || (first.DataSourceLabel is "custom" or "bk_fta" && first.DataTypeLabel == "event");
        if (!pulled) return "";

        var configs = new List<object?>(item.QueryConfigs.Count);
        foreach (var query in item.QueryConfigs) configs.Add(QueryParams(bkBizId, item, query));

        // A single query without an expression hashes like a single-metric item, so adding an
        // expression-less alias does not move the strategy to another group.
        if (configs.Count == 1 && item.Expression.Trim(' ').Length <= 1) return CountMd5.Of(configs[0]);
        return CountMd5.Of(new Dictionary<string, object?> { ["expression"] = item.Expression, ["query_configs"] = configs });
    }

    private static Dictionary<string, object?> QueryParams(long bkBizId, StrategyItem item, QueryConfig query)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["bk_biz_id"] = bkBizId,
            ["data_source_label"] = query.DataSourceLabel,
            ["data_type_label"] = query.DataTypeLabel,
            ["agg_method"] = query.AggMethod,
            ["agg_interval"] = query.AggInterval,
            ["agg_dimension"] = EffectiveAggDimension(item, query),
            ["agg_condition"] = query.AggCondition.Select(ConditionParams).ToList(),
            ["result_table_id"] = query.ResultTableId,
            ["metric_field"] = query.MetricField,
            ["keywords_query_string"] = query.QueryString,
        };
        if (query.Functions.Count > 0) parameters["functions"] = query.Functions;
        if (!string.IsNullOrEmpty(query.Promql)) parameters["promql"] = query.Promql;

        if (query.DataSourceLabel == "bk_log_search") parameters["index_set_id"] = query.IndexSetId;
        else if (query.DataSourceLabel == "custom" && query.DataTypeLabel == "event")
        {
            if (!string.IsNullOrEmpty(query.CustomEventName)) parameters["custom_event_name"] = query.CustomEventName;
        }
        else if (query.DataSourceLabel == "bk_fta") parameters["alert_name"] = query.AlertName;
        else if (query.DataSourceLabel == "bk_monitor" && query.DataTypeLabel == "alert")
        {
            parameters["bkmonitor_strategy_id"] = query.BkmonitorStrategyId;
        }

        // Outside unify-query an advanced condition cannot be pushed down: the query runs unfiltered and
        // access filters instead, so such strategies group by the unfiltered query.
        if (!UnifyQuerySources.Contains((query.DataSourceLabel, query.DataTypeLabel))
            && query.DataTypeLabel == "time_series"
            && query.AggCondition.Any(c => StrategyVocabulary.AdvancedConditionMethods.Contains(c.Method)))
        {
            parameters["agg_condition"] = new List<object?>();
        }
        return parameters;
    }

    private static Dictionary<string, object?> ConditionParams(AggCondition condition)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["key"] = condition.Key,
            ["method"] = condition.Method,
            ["value"] = condition.Value,
        };
        if (condition.Condition is not null) parameters["condition"] = condition.Condition;
        return parameters;
    }
}
