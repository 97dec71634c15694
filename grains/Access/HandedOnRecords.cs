using System.Globalization;

namespace BkMonitor.Grains.Access;

/// <summary>
/// The value each (series, data time) was handed to detect with, so a re-read bucket is handed on again only
/// when its value changed. Keyed by series index in memory; persisted as bk-monitor record ids
/// (<c>"{md5}.{time}"</c>), built only when the state is written. Restored ids wait, by md5, until their series
/// is indexed again. A series holds the few data times of the last periods, in time order, so a lookup is an array
/// index and a short scan from the newest.
/// </summary>
internal sealed class HandedOnRecords
{
    private List<(long Time, double Value)>?[] _bySeries = new List<(long Time, double Value)>?[16];
    private readonly Dictionary<string, List<(long Time, double Value)>> _restored = new(StringComparer.Ordinal);
    private long _prunedBefore = long.MinValue;
    private int _live;

    public int Count => _live + _restored.Count;

    public void Restore(IReadOnlyDictionary<string, double>? recordIds)
    {
        if (recordIds is null) return;
        foreach (var (recordId, value) in recordIds)
        {
            var dot = recordId.LastIndexOf('.');
            if (dot <= 0 || !long.TryParse(recordId.AsSpan(dot + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time)) continue;
            var md5 = recordId[..dot];
            if (!_restored.TryGetValue(md5, out var list)) _restored[md5] = list = [];
            list.Add((time, value));
        }
    }

    /// <summary>A series was indexed: its restored entries become live.</summary>
    public void OnSeriesAdded(int series, string md5)
    {
        if (_restored.Count == 0 || !_restored.Remove(md5, out var entries)) return;
        foreach (var (time, value) in entries) Set(series, time, value);
    }

    public bool IsUnchanged(int series, long time, double value)
    {
        if ((uint)series >= (uint)_bySeries.Length || _bySeries[series] is not { } times) return false;
        for (var i = times.Count - 1; i >= 0; i--)
        {
            var (t, handedOn) = times[i];
            if (t == time) return handedOn.Equals(value);
            if (t < time) return false;
        }
        return false;
    }

    public void Set(int series, long time, double value)
    {
        if (series >= _bySeries.Length) Array.Resize(ref _bySeries, Math.Max(series + 1, _bySeries.Length * 2));
        var times = _bySeries[series] ??= new List<(long Time, double Value)>(2);
        var i = times.Count;
        while (i > 0 && times[i - 1].Time > time) i--;
        if (i > 0 && times[i - 1].Time == time)
        {
            times[i - 1] = (time, value);
            return;
        }
        times.Insert(i, (time, value));
        _live++;
    }

    /// <summary>Forgets data times before <paramref name="horizon"/>; a no-op until the horizon moves.</summary>
    public void PruneBefore(long horizon)
    {
        if (horizon <= _prunedBefore) return;
        _prunedBefore = horizon;
        foreach (var times in _bySeries)
        {
            if (times is null) continue;
            var old = 0;
            while (old < times.Count && times[old].Time < horizon) old++;
            times.RemoveRange(0, old);
            _live -= old;
        }
        if (_restored.Count > 0) PruneRestoredBefore(horizon);
    }

    private void PruneRestoredBefore(long horizon)
    {
        foreach (var (md5, entries) in _restored)
        {
            entries.RemoveAll(e => e.Time < horizon);
            if (entries.Count == 0) _restored.Remove(md5);
        }
    }

    /// <summary>The record ids handed on at or after <paramref name="from"/>, for the pull path's duplicate check.</summary>
    public AccessDeduplicator Since(long from, ItemSeriesIndex series)
    {
        var seen = new AccessDeduplicator();
        for (var index = 0; index < _bySeries.Length; index++)
        {
            if (_bySeries[index] is not { } times) continue;
            foreach (var (time, _) in times)
            {
                if (time >= from) seen.Add(time, RecordId(series.Md5(index), time));
            }
        }
        foreach (var (md5, entries) in _restored)
        {
            foreach (var (time, _) in entries)
            {
                if (time >= from) seen.Add(time, RecordId(md5, time));
            }
        }
        return seen;
    }

    public Dictionary<string, double> ToRecordIds(ItemSeriesIndex series)
    {
        var ids = new Dictionary<string, double>(Count, StringComparer.Ordinal);
        for (var index = 0; index < _bySeries.Length; index++)
        {
            if (_bySeries[index] is not { } times) continue;
            foreach (var (time, value) in times) ids[RecordId(series.Md5(index), time)] = value;
        }
        foreach (var (md5, entries) in _restored)
        {
            foreach (var (time, value) in entries) ids[RecordId(md5, time)] = value;
        }
        return ids;
    }

    private static string RecordId(string md5, long time) => string.Concat(md5, ".", time.ToString(CultureInfo.InvariantCulture));
}
