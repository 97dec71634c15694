using System.Text.Json.Serialization;

namespace BkMonitor.Grains.Metadata;

/// <summary>
/// The persisted cursor of the user data id range. Ids are handed out in increasing order and never
/// reused, even after their data source is deleted, because collectors may still report with them.
/// </summary>
internal sealed class DataIdAllocatorState
{
    [JsonPropertyName("next_data_id")]
    public int NextDataId { get; set; } = DataIdRanges.UserFirst;

    [JsonIgnore]
    public int Remaining => DataIdRanges.UserLast - Cursor + 1;

    // A cursor below the user range (e.g. a state written before the range moved) restarts at its
    // first id: nothing below it was ever handed out by this allocator.
    private int Cursor => Math.Max(NextDataId, DataIdRanges.UserFirst);

    public int Allocate() => AllocateMany(1)[0];

    /// <summary>All-or-nothing: either <paramref name="count"/> consecutive ids or <see cref="DataIdExhaustedException"/>.</summary>
    public IReadOnlyList<int> AllocateMany(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var remaining = Math.Max(Remaining, 0);
        if (count > remaining)
        {
            throw new DataIdExhaustedException(count, remaining);
        }

        var first = Cursor;
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = first + i;
        }
        NextDataId = first + count;
        return ids;
    }
}
