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
            foreach (var item in Items) count += item.Records.Count;
            return count;
        }
    }
}

/// <summary>The standardised records of one strategy item, oldest first.</summary>
public sealed record ItemRecords(
    [property: JsonPropertyName("item_id")] long ItemId,
    [property: JsonPropertyName("records")] IReadOnlyList<DataPointRecord> Records);
