using System.Text.Json;
using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>One data query of an item (a metric of a result table, or a PromQL expression).</summary>
public sealed record QueryConfig
{
    [JsonPropertyName("id")] public long? Id { get; init; }
    [JsonPropertyName("data_source_label")] public string DataSourceLabel { get; init; } = "";
    [JsonPropertyName("data_type_label")] public string DataTypeLabel { get; init; } = "";
    [JsonPropertyName("metric_id")] public string? MetricId { get; init; }
    [JsonPropertyName("result_table_id")] public string? ResultTableId { get; init; }
    [JsonPropertyName("data_label")] public string? DataLabel { get; init; }
    [JsonPropertyName("metric_field")] public string? MetricField { get; init; }
    [JsonPropertyName("agg_method")] public string? AggMethod { get; init; }

    /// <summary>Aggregation period in seconds; null when the query has none (events, alerts).</summary>
    [JsonPropertyName("agg_interval")] public int? AggInterval { get; init; }
    [JsonPropertyName("agg_dimension")] public IReadOnlyList<string> AggDimension { get; init; } = [];
    [JsonPropertyName("agg_condition")] public IReadOnlyList<AggCondition> AggCondition { get; init; } = [];
    [JsonPropertyName("unit")] public string Unit { get; init; } = "";
    [JsonPropertyName("alias")] public string? Alias { get; init; }
    [JsonPropertyName("promql")] public string? Promql { get; init; }
    [JsonPropertyName("functions")] public IReadOnlyList<JsonElement> Functions { get; init; } = [];
    [JsonPropertyName("query_string")] public string? QueryString { get; init; }
    [JsonPropertyName("index_set_id")] public long? IndexSetId { get; init; }
    [JsonPropertyName("custom_event_name")] public string? CustomEventName { get; init; }
    [JsonPropertyName("alert_name")] public string? AlertName { get; init; }
    [JsonPropertyName("bkmonitor_strategy_id")] public long? BkmonitorStrategyId { get; init; }
    [JsonPropertyName("time_field")] public string? TimeField { get; init; }
}
