namespace BkMonitor.Grains.Trigger;

/// <summary>
/// A strategy item's trigger configuration: the window unit (the item's smallest agg_interval), the
/// per-level triggers in the detects' order, and the nodata trigger when nodata is enabled.
/// </summary>
internal sealed class TriggerSettings
{
    /// <summary>Access drops points older than max(10·agg, 1800) s, so later points can arrive that late.</summary>
    private const long MinimumLateness = 1800;

    private readonly LevelTrigger[] _levels;
    private readonly LevelTrigger? _noData;

    public TriggerSettings(long strategyId, long itemId, int checkWindowUnit, IReadOnlyList<LevelTrigger> levels,
        LevelTrigger? noData = null)
    {
        if (checkWindowUnit < 1) throw new ArgumentOutOfRangeException(nameof(checkWindowUnit), checkWindowUnit, "the window unit must be >= 1 s");
        StrategyId = strategyId;
        ItemId = itemId;
        Unit = checkWindowUnit;
        _levels = [.. levels];
        _noData = noData;

        var widest = 0L;
        foreach (var level in _levels) widest = Math.Max(widest, Span(level));
        if (noData is not null) widest = Math.Max(widest, Span(noData));
        RetentionSeconds = Math.Max(widest, Math.Max(10L * Unit, MinimumLateness));
    }

    public long StrategyId { get; }

    public long ItemId { get; }

    /// <summary>Seconds per check-window period.</summary>
    public int Unit { get; }

    /// <summary>How far behind the newest anomaly of a series the window keeps timestamps.</summary>
    public long RetentionSeconds { get; }

    /// <summary>
    /// The trigger for a level: nodata points only know the nodata trigger; a level without its own
    /// config borrows the first configured one; null when nothing is configured.
    /// </summary>
    public LevelTrigger? For(int level, bool noData)
    {
        if (noData) return _noData;
        foreach (var candidate in _levels)
        {
            if (candidate.Level == level) return candidate;
        }
        return _levels.Length > 0 ? _levels[0] : null;
    }

    /// <summary>The window's earliest counted time for a point at <paramref name="time"/>: <c>t - (check_window·unit - 1)</c>.</summary>
    public long WindowStart(LevelTrigger trigger, long time) => time - (Span(trigger) - 1);

    private long Span(LevelTrigger trigger) => (long)trigger.CheckWindow * Unit;
}
