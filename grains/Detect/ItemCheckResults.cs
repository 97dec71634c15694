using BkMonitor.GrainInterfaces.Detect;

namespace BkMonitor.Grains.Detect;

/// <summary>
/// The check results of one strategy item per dimension set, kept for the alert manager's recovery check: every
/// detected point with the levels that flagged it. Only levels that have algorithms have results.
/// </summary>
internal sealed class ItemCheckResults
{
    private readonly Dictionary<string, CheckResultSeries> _series = new(StringComparer.Ordinal);
    private readonly byte _levels;
    private readonly int _capacity;

    /// <param name="levels">The item's levels that have algorithms.</param>
    /// <param name="retentionSeconds">How far behind a series' newest point results are kept.</param>
    /// <param name="unitSeconds">The item's period: a series' log is made for twice the points its retention holds, so
    /// it slides its live part back to the front only every so many appends.</param>
    public ItemCheckResults(IEnumerable<int> levels, long retentionSeconds, int unitSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(levels);
        foreach (var level in levels) _levels |= (byte)(1 << level);
        RetentionSeconds = retentionSeconds;
        _capacity = unitSeconds > 0 ? (int)Math.Clamp(2 * (retentionSeconds / unitSeconds + 1), 8, 256) : 8;
    }

    public long RetentionSeconds { get; }

    public int SeriesCount => _series.Count;

    public void Record(DataPointRecord record, AnomalyRecord? anomaly) =>
        SeriesFor(record.DimensionsMd5).Record(record.Time, MaskOf(anomaly), RetentionSeconds);

    /// <summary>The log of one series, created when new; the columnar path keeps it by series index.</summary>
    public CheckResultSeries SeriesFor(string dimensionsMd5)
    {
        if (!_series.TryGetValue(dimensionsMd5, out var series)) _series[dimensionsMd5] = series = new CheckResultSeries(_capacity);
        return series;
    }

    /// <summary>A bit per level that flagged the point (none for a normal point).</summary>
    public static byte MaskOf(AnomalyRecord? anomaly)
    {
        byte mask = 0;
        if (anomaly is null) return mask;
        foreach (var level in anomaly.Anomaly.Keys) mask |= (byte)(1 << level);
        return mask;
    }

    public CheckResultSlice Slice(string dimensionsMd5, int level, long from, long to)
    {
        if (level is < 1 or > 3 || (_levels & (1 << level)) == 0 || !_series.TryGetValue(dimensionsMd5, out var series))
        {
            return CheckResultSlice.Empty;
        }
        var points = new List<(long Time, bool IsAnomaly)>();
        series.CopyTo(level, from, to, points);
        var entries = new CheckResultEntry[points.Count];
        for (var i = 0; i < entries.Length; i++) entries[i] = new CheckResultEntry(points[i].Time, points[i].IsAnomaly);
        return new CheckResultSlice(series.Newest, entries);
    }

    /// <summary>
    /// How long results must stay: the widest trigger window plus the recovery window, in periods, with two spare
    /// periods for late points.
    /// </summary>
    public static long RetentionFor(int triggerWindow, int recoveryWindow, int unitSeconds) =>
        (long)(Math.Max(triggerWindow, 1) + Math.Max(recoveryWindow, 1) + 2) * Math.Max(unitSeconds, 1);
}
