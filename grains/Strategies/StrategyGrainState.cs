namespace BkMonitor.Grains.Strategies;

/// <summary>
/// The persisted config of a strategy grain: the strategy JSON, its config version, the result tables it is
/// registered with, and whether the schedule of the last save still has to be applied (a save that crashed
/// half-way is completed on the next activation). Access state is kept apart (<see cref="StrategyAccessState"/>)
/// because it is written on every run.
/// </summary>
public sealed class StrategyGrainState
{
    /// <summary>The stored strategy in <c>StrategyJson</c> form; null when none is stored.</summary>
    public string? StrategyJson { get; set; }

    /// <summary>
    /// The last stored strategy once it was deleted (same form), kept for its alerts: their remaining signals (the
    /// "closed" of the deletion above all) still go to the relations they were opened under. Cleared by a new save.
    /// </summary>
    public string? DeletedStrategyJson { get; set; }

    public long Version { get; set; }

    /// <summary>Result table → metrics this strategy is registered for with the route grains.</summary>
    public Dictionary<string, List<string>> Routes { get; set; } = new(StringComparer.Ordinal);

    public bool SchedulePending { get; set; }
}
