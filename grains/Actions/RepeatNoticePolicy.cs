using System.Text.Json.Serialization;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Repeat notices while an alert stays abnormal (ALARM-SPEC §8): the interval is
/// <c>notify_interval</c> (standard) or <c>notify_interval * 2^(execute_times-1)</c> (increasing),
/// 0 (never) without <c>need_poll</c>; a repeat is due when <c>last_time + interval &lt;= now</c> and
/// the alert has an anomaly newer than the one last notified.
/// </summary>
internal static class RepeatNoticePolicy
{
    public const string Standard = "standard";
    public const string Increasing = "increasing";

    public static long Interval(NoticeConfig config, int executeTimes)
    {
        if (!config.NeedPoll || config.NotifyInterval <= 0) return 0;
        if (config.IntervalNotifyMode != Increasing) return config.NotifyInterval;
        // Python int(interval * 2 ** (n - 1)): truncates, so round 0 gives half the interval.
        return (long)(config.NotifyInterval * Math.Pow(2, executeTimes - 1));
    }

    public static bool IsDue(NoticeConfig config, CycleHandleRecord last, long alertLatestTime, long now)
    {
        var interval = Interval(config, last.ExecuteTimes);
        if (interval <= 0 || last.LastTime + interval > now) return false;
        return last.LatestAnomalyTime < alertLatestTime;
    }

    /// <summary>The record after a repeat notice is sent at <paramref name="now"/>.</summary>
    public static CycleHandleRecord Next(CycleHandleRecord last, long alertLatestTime, bool isShielded, long now) =>
        new() { LastTime = now, LatestAnomalyTime = alertLatestTime, IsShielded = isShielded, ExecuteTimes = last.ExecuteTimes + 1 };
}

/// <summary>Per relation, what the last notice round was (bk-monitor's <c>cycle_handle_record</c>).</summary>
internal sealed record CycleHandleRecord
{
    /// <summary>Epoch seconds of the last notice.</summary>
    [JsonPropertyName("last_time")]
    public long LastTime { get; init; }

    /// <summary>The alert's latest anomaly time when it was last notified.</summary>
    [JsonPropertyName("latest_anomaly_time")]
    public long LatestAnomalyTime { get; init; }

    [JsonPropertyName("is_shielded")]
    public bool IsShielded { get; init; }

    [JsonPropertyName("execute_times")]
    public int ExecuteTimes { get; init; }
}
