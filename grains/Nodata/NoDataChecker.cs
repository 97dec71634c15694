using System.Globalization;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Nodata;

/// <summary>
/// The nodata check of one strategy item for one period (ALARM-SPEC §5, bk-monitor's CheckMixin.check):
/// reduce the period's points to the nodata dimensions, compare them with the expected sets, and
/// report each expected set without data as an anomaly at the nodata level. With nothing expected and
/// no data at all, the whole item is reported once as <c>{__NO_DATA_DIMENSION__: true}</c>.
/// </summary>
internal static class NoDataChecker
{
    public const string NoDataTagKey = "__NO_DATA_DIMENSION__";

    /// <summary>count_md5({"__NO_DATA_DIMENSION__": True}).</summary>
    public static readonly string WholeItemMd5 = Md5Of(new Dictionary<string, string>());

    /// <summary>bk-monitor checks one period back, because access stores data with a delay.</summary>
    public static long CheckTime(long now, int aggInterval)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(aggInterval);
        return FloorDiv(now, aggInterval) * aggInterval - aggInterval;
    }

    public static NoDataCheckResult Check(NoDataCheckRequest request, NoDataState state, IReadOnlyList<NoDataPoint> points, long checkTime, long now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.AggInterval);
        if (state.LastCheckTime >= checkTime) return NoDataCheckResult.AlreadyChecked;

        state.ExpireHistory(now);
        var data = ReduceData(request.AggDimensions, points);
        var (expected, neverSeen) = NoDataExpectedDimensions.Resolve(request, CurrentHistory(request, state));

        var anomalies = new List<NoDataAnomaly>();
        var checkedSets = new List<(string Md5, Dictionary<string, string> Dims)>();
        if (expected.Count == 0 && data.Count == 0)
        {
            anomalies.Add(Anomaly(request, state, [], WholeItemMd5, checkTime, now));
            checkedSets.Add((WholeItemMd5, []));
        }
        else
        {
            // The whole-item alert ends once anything is expected or reporting. bk-monitor also resets it
            // while the whole item is itself the expected set (no nodata dimensions), which restarts the
            // message's period count every check; that reset is skipped here.
            var expectedMd5s = expected.Select(Md5Of).ToList();
            if (!expectedMd5s.Contains(WholeItemMd5)) state.Recover(WholeItemMd5);
            for (var i = 0; i < expected.Count; i++)
            {
                var md5 = expectedMd5s[i];
                checkedSets.Add((md5, expected[i]));
                var reported = data.TryGetValue(md5, out var latest);
                var stale = reported && state.LastDataTimes.TryGetValue(md5, out var lastSeen) && latest.Time < lastSeen;
                if (!reported || stale) anomalies.Add(Anomaly(request, state, expected[i], md5, checkTime, now));
                else state.Recover(md5);
            }
            foreach (var target in neverSeen)
            {
                var md5 = Md5Of(target);
                anomalies.Add(Anomaly(request, state, target, md5, checkTime, now));
                checkedSets.Add((md5, target));
            }
        }
        foreach (var (md5, reported) in data) checkedSets.Add((md5, reported.Dims));

        var checkPoints = Remember(request, state, checkedSets, data, checkTime, now);
        return new NoDataCheckResult(anomalies, checkPoints);
    }

    private static List<NoDataCheckPoint> Remember(
        NoDataCheckRequest request, NoDataState state, List<(string Md5, Dictionary<string, string> Dims)> checkedSets,
        Dictionary<string, (Dictionary<string, string> Dims, long Time)> data, long checkTime, long now)
    {
        var checkPoints = new List<NoDataCheckPoint>();
        var done = new HashSet<string>();
        foreach (var (md5, dims) in checkedSets)
        {
            if (!done.Add(md5)) continue;
            checkPoints.Add(new NoDataCheckPoint(md5, checkTime, request.Level, !data.ContainsKey(md5)));
            if (md5 != WholeItemMd5 || request.AggDimensions.Count == 0) state.History[md5] = dims;
        }
        state.HistoryRefreshedAt = now;
        foreach (var (md5, reported) in data) state.LastDataTimes[md5] = reported.Time;
        state.LastCheckTime = checkTime;
        return checkPoints;
    }

    // History sets keyed differently from today's nodata dimensions predate a config change: dropped.
    private static List<Dictionary<string, string>> CurrentHistory(NoDataCheckRequest request, NoDataState state)
    {
        var wanted = request.AggDimensions.ToHashSet();
        var current = new List<Dictionary<string, string>>();
        foreach (var (md5, dims) in state.History.ToList())
        {
            if (dims.Keys.ToHashSet().SetEquals(wanted)) current.Add(dims);
            else state.History.Remove(md5);
        }
        return current;
    }

    // Points lacking any nodata dimension are invalid; the rest are reduced to the nodata dimensions.
    private static Dictionary<string, (Dictionary<string, string> Dims, long Time)> ReduceData(IReadOnlyList<string> dimensions, IReadOnlyList<NoDataPoint> points)
    {
        var data = new Dictionary<string, (Dictionary<string, string> Dims, long Time)>();
        foreach (var point in points)
        {
            var reduced = new Dictionary<string, string>(dimensions.Count);
            var valid = true;
            foreach (var key in dimensions)
            {
                if (!point.Dimensions.TryGetValue(key, out var value))
                {
                    valid = false;
                    break;
                }
                reduced[key] = value;
            }
            if (!valid) continue;
            var md5 = Md5Of(reduced);
            if (!data.TryGetValue(md5, out var existing)) data[md5] = (reduced, point.Time);
            else if (point.Time > existing.Time) data[md5] = (existing.Dims, point.Time);
        }
        return data;
    }

    private static NoDataAnomaly Anomaly(NoDataCheckRequest request, NoDataState state, Dictionary<string, string> dims, string md5, long checkTime, long now)
    {
        var agg = request.AggInterval;
        var missingPeriods = state.LastDataTimes.TryGetValue(md5, out var lastData) ? FloorDiv(checkTime - lastData, agg) : 0;
        long anomalyPeriods;
        if (state.FirstMissingChecks.TryGetValue(md5, out var firstMissing))
        {
            anomalyPeriods = FloorDiv(checkTime - firstMissing, agg) + 1;
        }
        else
        {
            anomalyPeriods = 1;
            state.FirstMissingChecks[md5] = checkTime;
        }
        state.LastAnomalyChecks[md5] = checkTime;
        string message;
        if (missingPeriods > 0)
        {
            message = $"当前指标({request.ItemName})已经有{missingPeriods}个周期无数据上报";
            if (anomalyPeriods < missingPeriods) message += $"，并且数据上报延时{missingPeriods - anomalyPeriods}个周期";
        }
        else
        {
            message = $"当前指标({request.ItemName})已经有{anomalyPeriods}个周期无数据上报";
        }
        var ts = checkTime.ToString(CultureInfo.InvariantCulture);
        return new NoDataAnomaly(
            RecordId: md5 + "." + ts,
            Dimensions: WithTag(dims),
            DimensionsMd5: md5,
            Time: checkTime,
            Level: request.Level,
            AnomalyId: string.Create(CultureInfo.InvariantCulture, $"{md5}.{ts}.{request.StrategyId}.{request.ItemId}.{request.Level}"),
            AnomalyMessage: message,
            AnomalyTime: now);
    }

    public static Dictionary<string, object?> WithTag(IReadOnlyDictionary<string, string> dims)
    {
        var tagged = new Dictionary<string, object?>(dims.Count + 1);
        foreach (var (key, value) in dims) tagged[key] = value;
        tagged[NoDataTagKey] = true;
        return tagged;
    }

    public static string Md5Of(IReadOnlyDictionary<string, string> dims) => CountMd5.Of(WithTag(dims));

    private static long FloorDiv(long a, long b) => (long)Math.Floor((double)a / b);
}
