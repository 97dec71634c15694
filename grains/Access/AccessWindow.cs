namespace BkMonitor.Grains.Access;

/// <summary>
/// The time range one access run pulls, <c>[From, Until)</c> in epoch seconds (ALARM-SPEC §3). It re-pulls
/// one period before the checkpoint for late data and stops 10 s (+ the item's time_delay) short of now,
/// floored to the period, so the still-filling period is never read.
/// </summary>
public readonly record struct AccessWindow(long From, long Until)
{
    /// <summary>bk-monitor's ACCESS_DATA_TIME_DELAY.</summary>
    public const int DataDelaySeconds = 10;

    /// <summary>bk-monitor's MIN_DATA_ACCESS_CHECKPOINT.</summary>
    public const int MinRestartSeconds = 1800;

    /// <summary>Skip the run: a strategy change can leave the checkpoint ahead of the range.</summary>
    public bool IsEmpty => From > Until;

    public bool Contains(long time) => time >= From && time < Until;

    /// <summary>A checkpoint older than this many seconds is abandoned: <c>max(1800, 5*agg)</c>.</summary>
    public static long RestartAfter(int aggInterval) => Math.Max(MinRestartSeconds, 5L * aggInterval);

    /// <summary>
    /// The checkpoint the run starts from, floored to the period. <paramref name="notBefore"/> is bk-monitor's
    /// "items' last update" bound on a restart; 0 (the default) restarts at <c>now - RestartAfter</c> exactly.
    /// </summary>
    public static long StartCheckpoint(long checkpoint, long now, int aggInterval, long notBefore = 0)
    {
        Validate(aggInterval);
        var restartAfter = RestartAfter(aggInterval);
        var start = now - checkpoint > restartAfter ? Math.Max(notBefore, now - restartAfter) : checkpoint;
        return FloorTo(start, aggInterval);
    }

    public static AccessWindow Compute(long checkpoint, long now, int aggInterval, int timeDelay, long notBefore = 0)
    {
        var start = StartCheckpoint(checkpoint, now, aggInterval, notBefore);
        var until = FloorTo(now - DataDelaySeconds - timeDelay, aggInterval);
        return new AccessWindow(start - aggInterval, until);
    }

    /// <summary>The checkpoint never moves back: <c>max(old, newest record time)</c>.</summary>
    public static long NextCheckpoint(long oldCheckpoint, long newestRecordTime) => Math.Max(oldCheckpoint, newestRecordTime);

    /// <summary>Python's <c>t // agg * agg</c> (floors toward minus infinity).</summary>
    public static long FloorTo(long time, int aggInterval) => Math.DivRem(time, aggInterval) switch
    {
        var (q, r) when r < 0 => (q - 1) * aggInterval,
        var (q, _) => q * aggInterval,
    };

    private static void Validate(int aggInterval)
    {
        if (aggInterval <= 0) throw new ArgumentOutOfRangeException(nameof(aggInterval), aggInterval, "agg_interval must be positive");
    }
}
