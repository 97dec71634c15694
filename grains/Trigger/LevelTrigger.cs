namespace BkMonitor.Grains.Trigger;

/// <summary>
/// M-of-N for one level: trigger when at least <see cref="Count"/> anomalies fall in the last
/// <see cref="CheckWindow"/> periods.
/// </summary>
internal sealed record LevelTrigger
{
    public LevelTrigger(int level, int checkWindow, int count)
    {
        if (level is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(level), level, "level must be 1, 2 or 3");
        if (checkWindow < 1) throw new ArgumentOutOfRangeException(nameof(checkWindow), checkWindow, "check_window must be >= 1");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 1");
        Level = level;
        CheckWindow = checkWindow;
        Count = count;
    }

    public int Level { get; }

    public int CheckWindow { get; }

    public int Count { get; }

    /// <summary>The nodata trigger: <c>continuous</c> anomalies in a window of <c>continuous</c> periods.</summary>
    public static LevelTrigger ForNoData(int level, int continuous) => new(level, continuous, continuous);
}
