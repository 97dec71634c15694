using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.Grains.Access;

/// <summary>
/// Access for one item of a strategy version: <see cref="StrategyItemAccess"/> plus its state, for both
/// paths. Pull processes a reminder's window; push processes the buckets new data touched, on the data's own
/// times, at most <see cref="StrategyItemAccess.MaxTimestampsPerRun"/> timestamps per pass so a backfill is
/// evaluated completely at once. Both share one checkpoint and one set of handed-on record ids.
/// </summary>
internal sealed class ItemAccessor
{
    private readonly StrategyItemAccess _access;
    private readonly AccessDeduplicator _seen;
    private readonly Dictionary<string, double> _values;
    private readonly ItemAccessState _state;
    private long _checkpoint;

    public ItemAccessor(StrategyItem item, ItemAccessState? state = null)
    {
        Plan = ItemQueryPlan.Create(item);
        _access = new StrategyItemAccess(item);
        _checkpoint = state?.Checkpoint ?? 0;
        _values = new Dictionary<string, double>(state?.Values ?? [], StringComparer.Ordinal);
        _seen = new AccessDeduplicator();
        foreach (var recordId in _values.Keys) _seen.Add(RecordTime(recordId), recordId);
        _state = new ItemAccessState { Values = _values };
    }

    public ItemQueryPlan Plan { get; }

    public long ItemId => Plan.ItemId;

    public long Checkpoint => _checkpoint;

    /// <summary>The window a pull at <paramref name="now"/> reads; null when it is empty (nothing to do yet).</summary>
    public AccessWindow? PullWindow(long now)
    {
        var window = _access.WindowAt(_checkpoint, now);
        return window.IsEmpty || window.From == window.Until ? null : window;
    }

    public List<DataPointRecord> Pull(IReadOnlyList<SeriesBucket> buckets, AccessWindow window, long now)
    {
        var result = _access.Process(ItemQueryPlan.ToPoints(buckets), now, _checkpoint, _seen, window);
        _checkpoint = result.Checkpoint;
        var records = new List<DataPointRecord>(result.Records.Count);
        foreach (var record in result.Records)
        {
            _values[record.RecordId] = record.Value;
            records.Add(DataPointRecords.From(record));
        }
        Prune();
        return records;
    }

    public List<DataPointRecord> Push(IReadOnlyList<SeriesBucket> buckets, long now)
    {
        var records = new List<DataPointRecord>();
        var points = ItemQueryPlan.ToPoints(buckets);
        var start = 0;
        while (start < points.Length)
        {
            var end = EndOfChunk(buckets, start);
            var chunk = new ArraySegment<DataPoint>(points, start, end - start);
            // A fresh deduplicator: a bucket seen before is judged below by its value, not dropped by its id.
            var result = _access.Process(chunk, now, _checkpoint, new AccessDeduplicator());
            _checkpoint = result.Checkpoint;
            foreach (var record in result.Records)
            {
                if (_seen.Contains(record.Time, record.RecordId)
                    && _values.TryGetValue(record.RecordId, out var handedOn) && handedOn.Equals(record.Value))
                {
                    continue;
                }
                _seen.Add(record.Time, record.RecordId);
                _values[record.RecordId] = record.Value;
                records.Add(DataPointRecords.From(record));
            }
            start = end;
        }
        Prune();
        return records;
    }

    /// <summary>The state to persist; it shares this accessor's collections, so write it before the next run.</summary>
    public ItemAccessState State()
    {
        _state.Checkpoint = _checkpoint;
        return _state;
    }

    /// <summary>Buckets come sorted by time; a chunk ends after the 10th distinct time.</summary>
    private static int EndOfChunk(IReadOnlyList<SeriesBucket> buckets, int start)
    {
        var distinct = 0;
        var last = long.MinValue;
        for (var i = start; i < buckets.Count; i++)
        {
            if (buckets[i].Time != last)
            {
                if (distinct == StrategyItemAccess.MaxTimestampsPerRun) return i;
                distinct++;
                last = buckets[i].Time;
            }
        }
        return buckets.Count;
    }

    /// <summary>A pull re-reads from one period before the checkpoint: nothing older needs remembering.</summary>
    private void Prune()
    {
        var horizon = AccessWindow.FloorTo(_checkpoint, Plan.AggInterval) - Plan.AggInterval;
        _seen.PruneBefore(horizon);
        List<string>? stale = null;
        foreach (var id in _values.Keys)
        {
            if (RecordTime(id) < horizon) (stale ??= []).Add(id);
        }
        stale?.ForEach(id => _values.Remove(id));
    }

    private static long RecordTime(string recordId)
    {
        var dot = recordId.LastIndexOf('.');
        return dot >= 0 && long.TryParse(recordId.AsSpan(dot + 1), out var time) ? time : long.MinValue;
    }
}
