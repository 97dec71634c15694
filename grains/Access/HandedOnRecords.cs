using System.Globalization;

namespace BkMonitor.Grains.Access;

/// <summary>
/// The value each (series, data time) was handed to detect with, so a re-read bucket is handed on again only
/// when its value changed. Keyed by series index in memory; persisted as bk-monitor record ids
/// (<c>"{md5}.{time}"</c>), built only when the state is written. Restored ids wait, by md5, until their series
/// is indexed again.
/// </summary>
internal sealed class HandedOnRecords
{
    private readonly Dictionary<(int Series, long Time), double> _values = [];
    private readonly Dictionary<string, List<(long Time, double Value)>> _restored = new(StringComparer.Ordinal);
    private long _prunedBefore = long.MinValue;

    public int Count => _values.Count + _restored.Count;

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
        foreach (var (time, value) in entries) _values[(series, time)] = value;
    }

    public bool IsUnchanged(int series, long time, double value) =>
        _values.TryGetValue((series, time), out var handedOn) && handedOn.Equals(value);

    public void Set(int series, long time, double value) => _values[(series, time)] = value;

    /// <summary>Forgets data times before <paramref name="horizon"/>; a no-op until the horizon moves.</summary>
    public void PruneBefore(long horizon)
    {
        if (horizon <= _prunedBefore) return;
        _prunedBefore = horizon;
        // Removing while enumerating is allowed for Dictionary (it does not invalidate the enumerator).
        foreach (var key in _values.Keys)
        {
            if (key.Time < horizon) _values.Remove(key);
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
        foreach (var ((index, time), _) in _values)
        {
            if (time >= from) seen.Add(time, RecordId(series.Md5(index), time));
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
        foreach (var ((index, time), value) in _values) ids[RecordId(series.Md5(index), time)] = value;
        foreach (var (md5, entries) in _restored)
        {
            foreach (var (time, value) in entries) ids[RecordId(md5, time)] = value;
        }
        return ids;
    }

    private static string RecordId(string md5, long time) => string.Concat(md5, ".", time.ToString(CultureInfo.InvariantCulture));
}
