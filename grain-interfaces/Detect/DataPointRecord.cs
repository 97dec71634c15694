using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Detect;

/// <summary>One aggregated data point of a strategy item, as access hands it to detect.</summary>
public sealed record DataPointRecord
{
    /// <summary><c>"{count_md5(dimensions)}.{time}"</c>.</summary>
    [JsonPropertyName("record_id")]
    public required string RecordId { get; init; }

    /// <summary>The item's value (rounded to 6 decimals by access); null only on nodata anomalies.</summary>
    [JsonPropertyName("value")]
    public double? Value { get; init; }

    /// <summary>Per-metric values of a multi-metric expression, plus <c>timestamp</c>.</summary>
    [JsonPropertyName("values")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double?>? Values { get; init; }

    [JsonPropertyName("dimensions")]
    public IReadOnlyDictionary<string, string> Dimensions { get; init; } = new Dictionary<string, string>();

    /// <summary>Data time, epoch seconds.</summary>
    [JsonPropertyName("time")]
    public long Time { get; init; }

    /// <summary>The part of <see cref="RecordId"/> before the dot: the series' dimensions md5.</summary>
    [JsonIgnore]
    public string DimensionsMd5
    {
        get
        {
            // Cut once per record id: detect, history and trigger each ask for it per point. Keyed by the id
            // instance, so a copy made with another RecordId never sees a stale value.
            var recordId = RecordId;
            if (_md5 is { } cached && ReferenceEquals(cached.RecordId, recordId)) return cached.Md5;
            var dot = recordId.IndexOf('.', StringComparison.Ordinal);
            var md5 = dot < 0 ? recordId : recordId[..dot];
            _md5 = (recordId, md5);
            return md5;
        }
    }

    private (string RecordId, string Md5)? _md5;
}
