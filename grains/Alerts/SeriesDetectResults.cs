using BkMonitor.GrainInterfaces.Detect;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The detect results of ONE series and level, fetched from its detect grain before a manager pass, served to
/// the synchronous checks. The checks only ever ask about the alert's own series, so the key arguments are not
/// consulted.
/// </summary>
internal sealed class SeriesDetectResults(CheckResultSlice slice, bool noDataOngoing) : IDetectResultSource
{
    public static SeriesDetectResults None { get; } = new(CheckResultSlice.Empty, false);

    public bool IsEmpty => slice.LastCheckpoint is null;

    public long? LastCheckpoint(long strategyId, long itemId, string dimensionsMd5, int level) => slice.LastCheckpoint;

    public IReadOnlyList<CheckResultPoint> CheckResults(long strategyId, long itemId, string dimensionsMd5, int level, long from, long to)
    {
        var points = new List<CheckResultPoint>();
        foreach (var entry in slice.Points)
        {
            if (entry.Time >= from && entry.Time <= to) points.Add(new CheckResultPoint(entry.Time, entry.IsAnomaly));
        }
        return points;
    }

    public bool IsNoDataOngoing(long strategyId, long itemId, string dimensionsMd5) => noDataOngoing;
}
