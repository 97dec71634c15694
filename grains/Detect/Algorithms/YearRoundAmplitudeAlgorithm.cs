using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Year-round amplitude: today's step <c>|v(t) - v(t-agg)|</c> compared (by method) with the same step
/// i days ago times ratio plus shock, for i = 1..days in order; the first day that holds wins. A
/// missing point on the way (today's previous period, or either point of day i) stops the check:
/// bk-monitor fails on it and the point counts as normal.
/// </summary>
internal sealed class YearRoundAmplitudeAlgorithm : IDetectAlgorithm
{
    public const string TypeName = "YearRoundAmplitude";

    private readonly YearRoundConfig _config;
    private readonly AlgorithmContext _context;
    private readonly double _normalisedShock;

    private YearRoundAmplitudeAlgorithm(YearRoundConfig config, AlgorithmContext context)
    {
        _config = config;
        _context = context;
        _normalisedShock = context.ThresholdScale.Apply(config.Shock);
    }

    public string Type => TypeName;

    public bool UsesValueAffix => true;

    public bool NeedsHistory => true;

    public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history)
    {
        var agg = _context.AggInterval;
        if (history.At(point.SeriesKey, point.Time - agg) is not { } previous) return null;
        if (history.Current(point.Value) is not { } current) return null;
        var scale = _context.ValueScale;
        var step = scale.Apply(Math.Abs(current - previous));
        for (var day = 1; day <= _config.Days; day++)
        {
            var dayTime = point.Time - day * AdvancedYearRoundAlgorithm.OneDay;
            if (history.At(point.SeriesKey, dayTime) is not { } dayValue) return null;
            if (history.At(point.SeriesKey, dayTime - agg) is not { } dayPrevious) return null;
            var dayStep = Math.Abs(dayValue - dayPrevious);
            if (_config.Method.Holds(step, scale.Apply(dayStep) * _config.Ratio + _normalisedShock))
            {
                return new AnomalyResult(
                    $" - 前一时刻值{_context.Unit.Display(previous)} {_config.Method.Symbol()} {day}天前的同一时刻差值" +
                    $"{_context.Unit.Display(dayStep)} * {PythonStr.Float(_config.Ratio)} + {PythonStr.Float(_config.Shock)}{_context.ThresholdSuffix}");
            }
        }
        return null;
    }

    public static YearRoundAmplitudeAlgorithm? Create(ConfigReader reader, AlgorithmContext context) =>
        YearRoundConfig.Read(reader) is { } config ? new YearRoundAmplitudeAlgorithm(config, context) : null;
}
