using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Ratio against one history point at a fixed offset: <c>floor</c> fires on a drop of at least floor%,
/// <c>ceil</c> on a rise of at least ceil%; floor is checked first. No history point: not anomalous.
/// </summary>
internal abstract class SimpleRatioAlgorithm : IDetectAlgorithm
{
    private readonly double? _floor;
    private readonly double? _ceil;
    private readonly AlgorithmContext _context;
    private readonly long _offset;

    protected SimpleRatioAlgorithm(double? floor, double? ceil, AlgorithmContext context, long offset)
    {
        _floor = RatioFormula.IsActive(floor) ? floor : null;
        _ceil = RatioFormula.IsActive(ceil) ? ceil : null;
        _context = context;
        _offset = offset;
    }

    public abstract string Type { get; }

    public bool UsesValueAffix => true;

    public bool NeedsHistory => true;

    /// <summary>How the history point is named in messages ("较前一时刻").</summary>
    protected abstract string HistoryLabel { get; }

    public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history)
    {
        if (history.At(point.SeriesKey, point.Time - _offset) is not { } past) return null;
        var scale = _context.ValueScale;
        var value = scale.Apply(point.Value);
        var pastValue = scale.Apply(past);
        if (_floor is { } floor && RatioFormula.FloorHit(value, pastValue, floor))
        {
            return new AnomalyResult($"{HistoryLabel}({_context.Unit.Display(past)})下降超过{PythonStr.Float(floor)}%");
        }
        if (_ceil is { } ceil && RatioFormula.CeilHit(value, pastValue, ceil))
        {
            return new AnomalyResult($"{HistoryLabel}({_context.Unit.Display(past)})上升超过{PythonStr.Float(ceil)}%");
        }
        return null;
    }

    /// <summary>Reads <c>{floor, ceil}</c>: percentages ≥ 0 or null, at least one non-zero.</summary>
    protected static (double? Floor, double? Ceil)? ReadConfig(ConfigReader reader)
    {
        if (!reader.ExpectObject()) return null;
        var floor = reader.Float("floor", allowNull: true, min: 0);
        var ceil = reader.Float("ceil", allowNull: true, min: 0);
        if (reader.HasErrors) return null;
        if (!RatioFormula.IsActive(floor) && !RatioFormula.IsActive(ceil))
        {
            reader.Error("", "floor or ceil must be a non-zero percentage");
            return null;
        }
        return (floor, ceil);
    }
}
