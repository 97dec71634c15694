using System.Text.Json.Serialization;
using BkMonitor.GrainInterfaces.Detect;

namespace BkMonitor.GrainInterfaces.Access;

/// <summary>
/// What one access run of a strategy hands to detect (stream <c>data_access</c>, keyed by strategy id):
/// the records of each item, made under config <see cref="Version"/>.
/// </summary>
public sealed record AccessBatch
{
    [JsonPropertyName("strategy_id")]
    public long StrategyId { get; init; }

    [JsonPropertyName("version")]
    public long Version { get; init; }

    [JsonPropertyName("items")]
    public IReadOnlyList<ItemRecords> Items { get; init; } = [];

    /// <summary>The number of records over all items.</summary>
    [JsonIgnore]
    public int RecordCount
    {
        get
        {
            var count = 0;
            foreach (var item in Items) count += item.Count;
            return count;
        }
    }
}

/// <summary>
/// The standardised records of one strategy item, oldest first: as <see cref="Records"/> or, on the hot path, as
/// <see cref="Columns"/> (then <see cref="Records"/> is empty).
/// </summary>
public sealed record ItemRecords(
    [property: JsonPropertyName("item_id")] long ItemId,
    [property: JsonPropertyName("records")] IReadOnlyList<DataPointRecord> Records)
{
    /// <summary>The columnar form. A factory rather than a second constructor: stream codecs bind the primary one.</summary>
    public static ItemRecords FromColumns(long itemId, ItemColumns columns) => new(itemId, []) { Columns = columns };

    [JsonPropertyName("columns")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ItemColumns? Columns { get; init; }

    [JsonIgnore]
    public int Count => Columns?.Count ?? Records.Count;
}
