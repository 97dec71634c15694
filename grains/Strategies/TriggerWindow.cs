using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Strategies;

/// <summary>A level triggers when <see cref="TriggerCount"/> anomalies fall within <see cref="CheckWindowSize"/> periods.</summary>
public readonly record struct TriggerWindow(int CheckWindowSize, int TriggerCount, UptimeConfig? Uptime = null);

/// <summary>A level recovers after <see cref="CheckWindowSize"/> clean periods, to <see cref="StatusSetter"/>.</summary>
public readonly record struct RecoveryWindow(int CheckWindowSize, string StatusSetter);

/// <summary>Nodata triggers after <c>continuous</c> empty periods: window = count = continuous.</summary>
public readonly record struct NoDataTrigger(int CheckWindowSize, int TriggerCount, int Level);
