namespace BkMonitor.Grains.Nodata;

/// <summary>
/// What the nodata check remembers per (strategy, item) between runs: the dimension sets seen before
/// (the expected set), each set's latest data time, when each set first went missing, and the last
/// check time (so one period is never checked twice, which would read an emptied inbox as no data).
/// </summary>
internal sealed class NoDataState
{
    /// <summary>bk-monitor keeps the dimension history for a day after the last check refreshed it.</summary>
    public const long HistoryTtlSeconds = 24 * 60 * 60;

    /// <summary>Dimension sets seen before (reduced to the nodata dimensions, without the nodata tag), by md5.</summary>
    public Dictionary<string, Dictionary<string, string>> History { get; set; } = [];

    public long HistoryRefreshedAt { get; set; }

    /// <summary>Latest data time per dimensions md5 (bk-monitor's LAST_CHECKPOINTS for the nodata level).</summary>
    public Dictionary<string, long> LastDataTimes { get; set; } = [];

    /// <summary>Check time at which each dimensions md5 first went missing; removed when data returns.</summary>
    public Dictionary<string, long> FirstMissingChecks { get; set; } = [];

    /// <summary>
    /// Check time of the latest anomaly per dimensions md5 (bk-monitor's nodata last-anomaly checkpoint); kept with
    /// <see cref="FirstMissingChecks"/> and used to expire sets that are no longer checked.
    /// </summary>
    public Dictionary<string, long> LastAnomalyChecks { get; set; } = [];

    public long? LastCheckTime { get; set; }

    /// <summary>Whether these dimensions are still missing (a nodata alert for them has not recovered).</summary>
    public bool IsNoDataOngoing(string dimensionsMd5) => FirstMissingChecks.ContainsKey(dimensionsMd5);

    public void ExpireHistory(long now)
    {
        if (History.Count > 0 && now - HistoryRefreshedAt >= HistoryTtlSeconds) History.Clear();
    }

    public void Recover(string dimensionsMd5)
    {
        FirstMissingChecks.Remove(dimensionsMd5);
        LastAnomalyChecks.Remove(dimensionsMd5);
    }
}
