namespace BkMonitor.Grains.Nodata;

/// <summary>
/// Keeps a <see cref="NoDataState"/> bounded after each check. Expiry: a dimension set without data for
/// <see cref="NoDataState.HistoryTtlSeconds"/> is no longer expected, and its "still missing" checkpoint goes
/// <see cref="CheckpointTtlSeconds"/> after its last anomaly. Cap: past <c>maxDimensionSets</c> the sets with the
/// oldest data go first, so a strategy of huge cardinality cannot grow the state without limit.
/// </summary>
internal static class NoDataRetention
{
    public const int DefaultMaxDimensionSets = 20_000;

    /// <summary>
    /// Longer than the alert manager's 24 h expiry of nodata alerts plus its cadence: an alert whose set stopped
    /// being checked is closed as expired there, not reported recovered here.
    /// </summary>
    public const long CheckpointTtlSeconds = NoDataState.HistoryTtlSeconds + 60 * 60;

    public static void Apply(NoDataState state, long now, int maxDimensionSets = DefaultMaxDimensionSets)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDimensionSets);

        var historyHorizon = now - NoDataState.HistoryTtlSeconds;
        RemoveAll(state.History, md5 => LastSign(state, md5, now) < historyHorizon);
        RemoveAll(state.LastDataTimes, md5 => state.LastDataTimes[md5] < historyHorizon && !state.History.ContainsKey(md5));
        var checkpointHorizon = now - CheckpointTtlSeconds;
        foreach (var md5 in state.FirstMissingChecks.Keys.ToList())
        {
            var last = state.LastAnomalyChecks.TryGetValue(md5, out var anomaly) ? anomaly : state.FirstMissingChecks[md5];
            if (last < checkpointHorizon) state.Recover(md5);
        }

        Trim(state.History.Keys, state.History.Count - maxDimensionSets, md5 => LastSign(state, md5, now), md5 => state.History.Remove(md5));
        Trim(state.LastDataTimes.Keys.Where(md5 => !state.History.ContainsKey(md5)), state.LastDataTimes.Count - maxDimensionSets,
            md5 => state.LastDataTimes[md5], md5 => state.LastDataTimes.Remove(md5));
        Trim(state.FirstMissingChecks.Keys.Where(md5 => !state.History.ContainsKey(md5)), state.FirstMissingChecks.Count - maxDimensionSets,
            md5 => state.LastAnomalyChecks.GetValueOrDefault(md5, state.FirstMissingChecks[md5]), state.Recover);
    }

    /// <summary>The latest sign a set was alive: its last data time, else when it first went missing, else now (kept).</summary>
    private static long LastSign(NoDataState state, string md5, long now)
    {
        if (state.LastDataTimes.TryGetValue(md5, out var data)) return data;
        return state.FirstMissingChecks.TryGetValue(md5, out var missing) ? missing : now;
    }

    private static void RemoveAll<TValue>(Dictionary<string, TValue> entries, Func<string, bool> expired)
    {
        foreach (var md5 in entries.Keys.Where(expired).ToList()) entries.Remove(md5);
    }

    private static void Trim(IEnumerable<string> candidates, int excess, Func<string, long> age, Action<string> remove)
    {
        if (excess <= 0) return;
        foreach (var md5 in candidates.OrderBy(age).ThenBy(md5 => md5, StringComparer.Ordinal).Take(excess).ToList()) remove(md5);
    }
}
