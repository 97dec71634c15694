namespace BkMonitor.Grains.Detect;

/// <summary>
/// Reads history with bk-monitor's data-type rule: for time series only truthy values are cached, so a
/// stored 0 is as good as missing; for log and event data a missing point counts as 0 (a period with
/// no events is a real zero).
/// </summary>
internal readonly struct HistoryReader
{
    private readonly IHistorySource _source;
    private readonly bool _missingIsZero;

    public HistoryReader(IHistorySource source, bool missingIsZero)
    {
        _source = source;
        _missingIsZero = missingIsZero;
    }

    public double? At(string seriesKey, long timestamp)
    {
        if (_source.TryGetValue(seriesKey, timestamp, out var value) && value != 0) return value;
        return _missingIsZero ? 0d : null;
    }

    /// <summary>The point being detected seen through the same rule, for algorithms that look it up at offset 0.</summary>
    public double? Current(double value) => value != 0 ? value : _missingIsZero ? 0d : null;
}
