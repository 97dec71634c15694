namespace BkMonitor.Grains.Access;

/// <summary>What one access run hands to detect, and where the next run starts.</summary>
public sealed record AccessResult(IReadOnlyList<AccessRecord> Records, long Checkpoint, AccessCounts Counts);

/// <summary>
/// Per-run counters: points pulled, dropped for a missing value, outside the window, already seen,
/// deferred by the 10-timestamp cap, outside the target range or conditions, and expired.
/// </summary>
public readonly record struct AccessCounts(
    int Pulled, int NoValue, int OutOfWindow, int Duplicates, int Deferred, int OutOfRange, int Expired);
