namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Intelligent detection: the value falls outside the model's normal band for this moment.
/// <c>direction</c> (both | up | down, default both) restricts which side counts.
/// </summary>
internal sealed class IntelligentDetectAlgorithm : IDetectAlgorithm
{
    public const string TypeName = "IntelligentDetect";

    private static readonly string[] Directions = ["both", "up", "down"];

    private readonly IAnomalyModel _model;
    private readonly AlgorithmContext _context;
    private readonly bool _upward;
    private readonly bool _downward;

    private IntelligentDetectAlgorithm(IAnomalyModel model, AlgorithmContext context, string direction)
    {
        _model = model;
        _context = context;
        _upward = direction != "down";
        _downward = direction != "up";
    }

    public string Type => TypeName;

    public bool UsesValueAffix => true;

    public bool NeedsHistory => true;

    public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history)
    {
        if (_model.Predict(point.SeriesKey, point.Time, history) is not { } band) return null;
        var value = point.Value;
        var above = _upward && value > band.Upper;
        var below = _downward && value < band.Lower;
        if (!above && !below) return null;
        var unit = _context.Unit;
        return new AnomalyResult(
            $"智能检测{(above ? "高于" : "低于")}正常区间[{unit.Display(band.Lower)}, {unit.Display(band.Upper)}]" +
            $"(预期值{unit.Display(band.Expected)})");
    }

    public static IntelligentDetectAlgorithm? Create(ConfigReader reader, AlgorithmContext context)
    {
        if (!reader.ExpectObject()) return null;
        var direction = reader.Choice("direction", Directions, defaultValue: "both");
        var model = context.Models.Create(reader);
        return reader.HasErrors || model is null ? null : new IntelligentDetectAlgorithm(model, context, direction!);
    }
}
