using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.Grains.Access;

/// <summary>
/// Access for one item of a strategy version: <see cref="StrategyItemAccess"/> plus its state, for both paths,
/// producing <see cref="ItemColumns"/> over the item's <see cref="ItemSeriesIndex"/>. Pull processes a reminder's
/// window with the full §3 rules. Push processes the store buckets new data touched, on the data's own times and
/// all of them at once (a backfill is evaluated completely): per bucket one series lookup, the range flag and md5
/// of the series being computed only when it is first seen. Both share one checkpoint and one memory of what was
/// handed on, so neither path hands a bucket on twice with the same value.
/// </summary>
internal sealed class ItemAccessor
{
    private readonly StrategyItemAccess _access;
    private readonly ItemSeriesIndex _series;
    private readonly HandedOnRecords _handedOn = new();
    private long _checkpoint;

    public ItemAccessor(StrategyItem item, ItemAccessState? state = null)
    {
        Plan = ItemQueryPlan.Create(item);
        _access = new StrategyItemAccess(item);
        _series = new ItemSeriesIndex(_access) { Added = _handedOn.OnSeriesAdded };
        _checkpoint = state?.Checkpoint ?? 0;
        _handedOn.Restore(state?.Values);
    }

    public ItemQueryPlan Plan { get; }

    public long ItemId => Plan.ItemId;

    public long Checkpoint => _checkpoint;

    /// <summary>Whether checkpoint or handed-on values changed since <see cref="State"/> was last taken.</summary>
    public bool IsDirty { get; private set; }

    /// <summary>The window a pull at <paramref name="now"/> reads; null when it is empty (nothing to do yet).</summary>
    public AccessWindow? PullWindow(long now)
    {
        var window = _access.WindowAt(_checkpoint, now);
        return window.IsEmpty || window.From == window.Until ? null : window;
    }

    /// <summary>The pulled window's records; null when none is handed on.</summary>
    public ItemColumns? Pull(IReadOnlyList<SeriesBucket> buckets, AccessWindow window, long now)
    {
        var result = _access.Process(ItemQueryPlan.ToPoints(buckets), now, _checkpoint, _handedOn.Since(window.From, _series), window);
        IsDirty |= result.Checkpoint != _checkpoint || result.Records.Count > 0;
        _checkpoint = result.Checkpoint;
        var columns = new ItemColumnsBuilder(result.Records.Count);
        foreach (var record in result.Records)
        {
            var dot = record.RecordId.IndexOf('.', StringComparison.Ordinal);
            var index = _series.IndexOf(dot < 0 ? record.RecordId : record.RecordId[..dot], record.Dimensions);
            _handedOn.Set(index, record.Time, record.Value);
            columns.Add(index, record.Time, record.Value);
        }
        Prune();
        return columns.Build(_series.Table);
    }

    /// <summary>The pushed buckets' records (time order, as the store returns them); null when none is handed on.</summary>
    public ItemColumns? Push(IReadOnlyList<GroupBucket> buckets, long now)
    {
        var expireSeconds = _access.ExpireSeconds;
        var newest = _checkpoint;
        var columns = new ItemColumnsBuilder(buckets.Count);
        for (var i = 0; i < buckets.Count; i++)
        {
            var (group, time, raw) = buckets[i];
            if (double.IsNaN(raw)) continue;
            var index = _series.IndexOf(group);
            // Out-of-range and expired points still move the checkpoint, as in a pull (§3).
            newest = AccessWindow.NextCheckpoint(newest, time);
            if (!_series.IsInRange(index) || now - time > expireSeconds) continue;
            var value = PythonRound.Round6(raw);
            if (_handedOn.IsUnchanged(index, time, value)) continue;
            _handedOn.Set(index, time, value);
            columns.Add(index, time, value);
        }
        IsDirty |= newest != _checkpoint || columns.Count > 0;
        _checkpoint = newest;
        Prune();
        return columns.Build(_series.Table);
    }

    /// <summary>The state to persist (record ids built here, not per point); clears <see cref="IsDirty"/>.</summary>
    public ItemAccessState State()
    {
        IsDirty = false;
        return new ItemAccessState { Checkpoint = _checkpoint, Values = _handedOn.ToRecordIds(_series) };
    }

    /// <summary>A pull re-reads from one period before the checkpoint: nothing older needs remembering.</summary>
    private void Prune() => _handedOn.PruneBefore(AccessWindow.FloorTo(_checkpoint, Plan.AggInterval) - Plan.AggInterval);
}
