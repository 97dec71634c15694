using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Ring ratio amplitude: the value and the previous period's value are both ≥ threshold, and they
/// differ by at least <c>prev*ratio + shock</c>. threshold and shock are read in the unit prefix.
/// </summary>
internal sealed class RingRatioAmplitudeAlgorithm : IDetectAlgorithm
{
    public const string TypeName = "RingRatioAmplitude";

    private readonly double _ratio;
    private readonly double _shock;
    private readonly double _threshold;
    private readonly double _normalisedShock;
    private readonly double _normalisedThreshold;
    private readonly AlgorithmContext _context;

    private RingRatioAmplitudeAlgorithm(double ratio, double shock, double threshold, AlgorithmContext context)
    {
        _ratio = ratio;
        _shock = shock;
        _threshold = threshold;
        _context = context;
        _normalisedShock = context.ThresholdScale.Apply(shock);
        _normalisedThreshold = context.ThresholdScale.Apply(threshold);
    }

    public string Type => TypeName;

    public bool UsesValueAffix => true;

    public bool NeedsHistory => true;

    public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history)
    {
        if (history.At(point.SeriesKey, point.Time - _context.AggInterval) is not { } previous) return null;
        var scale = _context.ValueScale;
        var value = scale.Apply(point.Value);
        var previousValue = scale.Apply(previous);
        if (value < _normalisedThreshold || previousValue < _normalisedThreshold) return null;
        if (scale.Apply(Math.Abs(previous - point.Value)) < previousValue * _ratio + _normalisedShock) return null;

        var shown = _context.Unit.Display(previous);
        return new AnomalyResult(
            $"与前一时刻值{shown}之差的绝对值 >= 前一时刻值{shown} * {PythonStr.Float(_ratio)} + {PythonStr.Float(_shock)}{_context.ThresholdSuffix}" +
            $"(且两者均 >= {PythonStr.Float(_threshold)}{_context.ThresholdSuffix})");
    }

    public static RingRatioAmplitudeAlgorithm? Create(ConfigReader reader, AlgorithmContext context)
    {
        if (!reader.ExpectObject()) return null;
        var ratio = reader.Float("ratio");
        var shock = reader.Float("shock");
        var threshold = reader.Float("threshold");
        return reader.HasErrors ? null : new RingRatioAmplitudeAlgorithm(ratio!.Value, shock!.Value, threshold!.Value, context);
    }
}
