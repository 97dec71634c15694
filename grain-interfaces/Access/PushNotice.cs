using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Access;

/// <summary>Data was just stored in a result table: per metric, the data times it touched.</summary>
public sealed record PushNotice
{
    [JsonPropertyName("result_table_id")]
    public required string ResultTableId { get; init; }

    [JsonPropertyName("metrics")]
    public IReadOnlyList<PushedMetric> Metrics { get; init; } = [];
}

/// <summary>One metric of a push and the range of data times it carried, epoch seconds (inclusive).</summary>
public sealed record PushedMetric(
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("min_time")] long MinTime,
    [property: JsonPropertyName("max_time")] long MaxTime);
