using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// OS restart from <c>system.env.uptime</c>: uptime in (0, 600] s, lower than the previous period's
/// (or no previous period), and the host reported 10 or 25 minutes ago, which tells a reboot from a
/// host that has just been switched on for the first time.
/// </summary>
internal sealed class OsRestartAlgorithm : IDetectAlgorithm
{
    public const string TypeName = "OsRestart";

    private const long TenMinutes = 600;
    private const long TwentyFiveMinutes = 1500;

    private readonly int _aggInterval;

    public OsRestartAlgorithm(AlgorithmContext context) => _aggInterval = context.AggInterval;

    public string Type => TypeName;

    public bool UsesValueAffix => false;

    public bool NeedsHistory => true;

    public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history)
    {
        var uptime = point.Value;
        if (!(uptime > 0 && uptime <= TenMinutes)) return null;
        var previous = history.At(point.SeriesKey, point.Time - _aggInterval);
        if (previous is { } p && !(uptime < p)) return null;
        var reportedBefore = history.At(point.SeriesKey, point.Time - TenMinutes) is not null
            || history.At(point.SeriesKey, point.Time - TwentyFiveMinutes) is not null;
        return reportedBefore ? new AnomalyResult($"当前服务器在{PythonStr.Float(uptime)}秒前发生系统重启事件") : null;
    }
}
