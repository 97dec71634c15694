using BkMonitor.GrainInterfaces.Detect;

namespace BkMonitor.Grains.Trigger;

/// <summary>
/// M-of-N triggering per (strategy, item, dimensions, level). Each anomalous point first records its
/// time under every level it is anomalous at, then the levels are checked ascending (fatal first):
/// the first whose window <c>[t - (check_window·unit - 1), t]</c> holds at least <c>count</c>
/// anomalies wins. Times are a set, so a re-delivered anomaly is counted once.
/// </summary>
internal sealed class TriggerWindow
{
    public const string NoDataDimension = "__NO_DATA_DIMENSION__";

    /// <summary>bk-monitor's cap on events per (strategy, item, data time).</summary>
    public const int EventLimitPerTime = 5000;

    private readonly TriggerSettings _settings;
    private readonly TriggerWindowState _state;
    private long _evictedBefore = long.MinValue;

    public TriggerWindow(TriggerSettings settings, TriggerWindowState state)
    {
        _settings = settings;
        _state = state;
    }

    public TriggerDecision? Observe(AnomalyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.StrategyId != _settings.StrategyId || record.ItemId != _settings.ItemId)
        {
            throw new ArgumentException(
                $"anomaly of strategy {record.StrategyId} item {record.ItemId} sent to the trigger window of strategy " +
                $"{_settings.StrategyId} item {_settings.ItemId}", nameof(record));
        }
        if (record.Anomaly.Count == 0) return null;

        var data = record.Data;
        var series = data.DimensionsMd5;
        var time = data.Time;
        var noData = data.Dimensions.ContainsKey(NoDataDimension);
        if (!_state.Anomalies.TryGetValue(series, out var levels)) _state.Anomalies[series] = levels = [];

        var redelivered = true;
        foreach (var level in record.Anomaly.Keys)
        {
            if (!levels.TryGetValue(level, out var times)) levels[level] = times = [];
            redelivered &= !Insert(times, time);
        }

        foreach (var level in AscendingLevels(record.Anomaly.Keys))
        {
            if (_settings.For(level, noData) is not { } trigger) continue;
            var times = levels[level];
            var from = LowerBound(times, _settings.WindowStart(trigger, time));
            var to = LowerBound(times, time + 1);
            if (to - from < trigger.Count) continue;

            var ids = new string[to - from];
            for (var i = from; i < to; i++)
            {
                ids[i - from] = $"{series}.{times[i]}.{_settings.StrategyId}.{_settings.ItemId}.{level}";
            }
            return new TriggerDecision(level, ids, times[from], redelivered);
        }
        return null;
    }

    /// <summary>Takes one slot of the per-data-time event budget; false once 5000 events went out for that time.</summary>
    public bool TryAdmitEvent(long dataTime)
    {
        _state.EventsPerTime.TryGetValue(dataTime, out var sent);
        if (sent >= EventLimitPerTime) return false;
        _state.EventsPerTime[dataTime] = sent + 1;
        return true;
    }

    /// <summary>
    /// Drops anomaly times and event counters older than <paramref name="newestTime"/> minus the
    /// retention, and series left empty. The owning grain calls it as data time advances; a pass over
    /// every series runs only when the horizon moved an eighth of the retention since the last one.
    /// </summary>
    public void Evict(long newestTime)
    {
        var horizon = newestTime - _settings.RetentionSeconds;
        if (horizon < _evictedBefore + _settings.RetentionSeconds / 8) return;
        _evictedBefore = horizon;
        List<string>? emptySeries = null;
        foreach (var (series, levels) in _state.Anomalies)
        {
            foreach (var times in levels.Values)
            {
                var cut = LowerBound(times, horizon);
                if (cut > 0) times.RemoveRange(0, cut);
            }
            var empty = true;
            foreach (var times in levels.Values) empty &= times.Count == 0;
            if (empty) (emptySeries ??= []).Add(series);
        }
        if (emptySeries is not null)
        {
            foreach (var series in emptySeries) _state.Anomalies.Remove(series);
        }

        List<long>? oldTimes = null;
        foreach (var time in _state.EventsPerTime.Keys)
        {
            if (time < horizon) (oldTimes ??= []).Add(time);
        }
        if (oldTimes is not null)
        {
            foreach (var time in oldTimes) _state.EventsPerTime.Remove(time);
        }
    }

    /// <summary>Adds a time keeping the list sorted and trimmed to the retention; false when already present.</summary>
    private bool Insert(List<long> times, long time)
    {
        var index = LowerBound(times, time);
        if (index < times.Count && times[index] == time) return false;
        times.Insert(index, time);
        var cut = LowerBound(times, times[^1] - _settings.RetentionSeconds);
        if (cut > 0) times.RemoveRange(0, cut);
        return true;
    }

    private static int LowerBound(List<long> times, long value)
    {
        int low = 0, high = times.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (times[mid] < value) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private static IEnumerable<int> AscendingLevels(IEnumerable<int> levels)
    {
        var sorted = new List<int>(levels);
        sorted.Sort();
        return sorted;
    }
}
