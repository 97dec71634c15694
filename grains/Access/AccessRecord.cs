using System.Text.Json.Serialization;

namespace BkMonitor.Grains.Access;

/// <summary>
/// A standardized point handed from access to detect:
/// <c>record_id = "{count_md5(dimensions)}.{time}"</c>, value rounded to 6 decimals.
/// </summary>
public sealed record AccessRecord
{
    [JsonPropertyName("record_id")] public string RecordId { get; init; } = "";
    [JsonPropertyName("value")] public double Value { get; init; }
    [JsonPropertyName("values")] public IReadOnlyDictionary<string, double> Values { get; init; } = new Dictionary<string, double>();
    [JsonPropertyName("dimensions")] public IReadOnlyDictionary<string, string?> Dimensions { get; init; } = new Dictionary<string, string?>();

    /// <summary>Epoch seconds.</summary>
    [JsonPropertyName("time")] public long Time { get; init; }
}
