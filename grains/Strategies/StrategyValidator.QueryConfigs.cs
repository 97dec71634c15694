using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Strategies;

public sealed partial class StrategyValidator
{
    private static QueryConfig ReadQueryConfig(JsonObjectFields o)
    {
        var source = o["data_source_label"].Required().AsChoice(StrategyVocabulary.DataSourceLabels);
        var type = o["data_type_label"].Required().AsChoice(StrategyVocabulary.DataTypeLabels);
        var isPrometheus = source == "prometheus";
        var isSeries = type is "time_series" or "log";
        var aggMethod = o["agg_method"];
        var config = new QueryConfig
        {
            Id = o["id"].AsLong(min: 0),
            DataSourceLabel = source ?? "",
            DataTypeLabel = type ?? "",
            MetricId = o["metric_id"].AsString(),
            ResultTableId = o["result_table_id"].AsString(),
            DataLabel = o["data_label"].AsString(),
            MetricField = RequiredWhen(o["metric_field"], type == "time_series" && !isPrometheus).AsString(allowEmpty: false),
            AggMethod = ReadAggMethod(RequiredWhen(aggMethod, type == "time_series" && !isPrometheus)),
            AggInterval = RequiredWhen(o["agg_interval"], isSeries).AsInt(min: 1),
            AggDimension = o["agg_dimension"].AsStringList() ?? [],
            AggCondition = ReadObjects(o["agg_condition"], allowEmpty: true, ReadAggCondition),
            Unit = o["unit"].AsString() ?? "",
            Alias = o["alias"].AsString(),
            Promql = RequiredWhen(o["promql"], isPrometheus).AsString(allowEmpty: !isPrometheus),
            Functions = ReadFunctions(o["functions"]),
            QueryString = o["query_string"].AsString(),
            IndexSetId = RequiredWhen(o["index_set_id"], source == "bk_log_search").AsLong(),
            CustomEventName = o["custom_event_name"].AsString(),
            AlertName = RequiredWhen(o["alert_name"], source == "bk_fta").AsString(allowEmpty: false),
            BkmonitorStrategyId = RequiredWhen(o["bkmonitor_strategy_id"], source == "bk_monitor" && type == "alert").AsLong(),
            TimeField = o["time_field"].AsString(),
        };
        return config;
    }

    private static JsonField RequiredWhen(JsonField field, bool required) => required ? field.Required() : field;

    private static string? ReadAggMethod(JsonField field)
    {
        var method = field.AsString(allowEmpty: false);
        if (method is null || StrategyVocabulary.AggMethods.Contains(method.ToLowerInvariant())) return method;
        field.Error($"'{method}' is not one of: {string.Join(", ", StrategyVocabulary.AggMethods)}");
        return null;
    }

    private static AggCondition ReadAggCondition(JsonObjectFields o) => new()
    {
        Key = o["key"].Required().AsString(allowEmpty: false) ?? "",
        Method = o["method"].Required().AsChoice(StrategyVocabulary.ConditionMethods) ?? "eq",
        Value = o["value"].Required().AsList(allowEmpty: true, ReadConditionValue) ?? [],
        Condition = o["condition"].AsChoice(StrategyVocabulary.Connectors),
    };

    /// <summary>Condition values are scalars; they are kept as Python renders them (1 → "1", true → "True").</summary>
    private static string? ReadConditionValue(JsonField field)
    {
        if (field.Element.ValueKind is System.Text.Json.JsonValueKind.Object or System.Text.Json.JsonValueKind.Array)
        {
            field.Error("must be a string or a number");
            return null;
        }
        return PythonStr.Of(field.Element);
    }
}
