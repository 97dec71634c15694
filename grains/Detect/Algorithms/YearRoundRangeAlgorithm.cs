using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Year-round range: <c>|v|</c> compared (by method) with <c>|hist[i]|*ratio + shock</c>, where hist is
/// the list of existing points at the same moment of days 1..days with the gaps closed up. A missing
/// day therefore shifts later days to lower indices, and an index past the end stops the check.
/// </summary>
internal sealed class YearRoundRangeAlgorithm : IDetectAlgorithm
{
    public const string TypeName = "YearRoundRange";

    private readonly YearRoundConfig _config;
    private readonly AlgorithmContext _context;
    private readonly double _normalisedShock;

    private YearRoundRangeAlgorithm(YearRoundConfig config, AlgorithmContext context)
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
        var scale = _context.ValueScale;
        var value = Math.Abs(scale.Apply(point.Value));
        var index = 0;
        for (var day = 1; day <= _config.Days; day++)
        {
            if (history.At(point.SeriesKey, point.Time - day * AdvancedYearRoundAlgorithm.OneDay) is not { } past) continue;
            // The compacted list's entry `index` is compared as "day index+1".
            if (_config.Method.Holds(value, Math.Abs(scale.Apply(past)) * _config.Ratio + _normalisedShock))
            {
                return new AnomalyResult(
                    $" {_config.Method.Symbol()} {index + 1}天前的同一时刻绝对值{_context.Unit.Display(past)} * " +
                    $"{PythonStr.Float(_config.Ratio)} + {PythonStr.Float(_config.Shock)}{_context.ThresholdSuffix}");
            }
            index++;
        }
        // Fewer existing days than configured: bk-monitor indexes past the end and gives up on the point.
        return null;
    }

    public static YearRoundRangeAlgorithm? Create(ConfigReader reader, AlgorithmContext context) =>
        YearRoundConfig.Read(reader) is { } config ? new YearRoundRangeAlgorithm(config, context) : null;
}
