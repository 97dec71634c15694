using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Ratio against several history points at <c>t - k*step</c>, k = 1..interval (missing ones skipped),
/// reduced to their mean (rounded to 6 decimals) or to the oldest existing one. Each active side
/// fetches its own points; a side without any point makes the whole point unjudgeable.
/// </summary>
internal abstract class AdvancedRatioAlgorithm : IDetectAlgorithm
{
    private readonly AdvancedRatioConfig _config;
    private readonly AlgorithmContext _context;
    private readonly long _step;
    private readonly bool _absoluteHistory;

    protected AdvancedRatioAlgorithm(AdvancedRatioConfig config, AlgorithmContext context, long step, bool absoluteHistory)
    {
        _config = config;
        _context = context;
        _step = step;
        _absoluteHistory = absoluteHistory;
    }

    public abstract string Type { get; }

    public bool UsesValueAffix => true;

    public bool NeedsHistory => true;

    protected string FetchDescription => _config.FetchAverage ? "均值" : "瞬间值";

    /// <summary>The message for one side, e.g. "较前3个时间点的均值(10.0)下降超过20.0%".</summary>
    protected abstract string Describe(int interval, string shownHistory, string direction, double percent);

    public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history)
    {
        var value = _context.ValueScale.Apply(point.Value);
        if (_config.Floor is { } floor)
        {
            if (Reduce(point, history, _config.FloorInterval) is not { } past) return null;
            if (RatioFormula.FloorHit(value, _context.ValueScale.Apply(past), floor))
            {
                return new AnomalyResult(Describe(_config.FloorInterval, _context.Unit.Display(past), "下降", floor));
            }
        }
        if (_config.Ceil is { } ceil)
        {
            if (Reduce(point, history, _config.CeilInterval) is not { } past) return null;
            if (RatioFormula.CeilHit(value, _context.ValueScale.Apply(past), ceil))
            {
                return new AnomalyResult(Describe(_config.CeilInterval, _context.Unit.Display(past), "上升", ceil));
            }
        }
        return null;
    }

    protected static string Percent(double percent) => PythonStr.Float(percent);

    private double? Reduce(in DetectPoint point, in HistoryReader history, int interval)
    {
        var sum = 0d;
        var count = 0;
        var oldest = 0d;
        for (var k = 1; k <= interval; k++)
        {
            if (history.At(point.SeriesKey, point.Time - k * _step) is not { } past) continue;
            if (_absoluteHistory) past = Math.Abs(past);
            sum += past;
            oldest = past;
            count++;
        }
        if (count == 0) return null;
        return _config.FetchAverage ? PythonRound.Round6(sum * 1.0 / count) : oldest;
    }
}
