namespace BkMonitor.Grains.Trigger;

/// <summary>
/// A filled window: the level that triggered, the anomalies counted (oldest first) and whether the
/// point had been seen before (a re-delivery that adds nothing to any window).
/// </summary>
internal sealed record TriggerDecision(int Level, IReadOnlyList<string> AnomalyIds, long FirstAnomalyTime, bool Redelivered);
