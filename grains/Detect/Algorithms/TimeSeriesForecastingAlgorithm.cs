namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Time-series forecasting: the model's forecast <c>duration</c> seconds ahead (its expected value, or
/// the upper/lower edge of its band per <c>bound_type</c>) already satisfies the <c>thresholds</c>.
/// </summary>
internal sealed class TimeSeriesForecastingAlgorithm : IDetectAlgorithm
{
    public const string TypeName = "TimeSeriesForecasting";

    private static readonly string[] BoundTypes = ["middle", "upper", "lower"];

    private readonly IAnomalyModel _model;
    private readonly ThresholdRule _thresholds;
    private readonly AlgorithmContext _context;
    private readonly string _boundType;
    private readonly int _duration;

    private TimeSeriesForecastingAlgorithm(IAnomalyModel model, ThresholdRule thresholds, AlgorithmContext context,
        string boundType, int duration)
    {
        _model = model;
        _thresholds = thresholds;
        _context = context;
        _boundType = boundType;
        _duration = duration;
    }

    public string Type => TypeName;

    public bool UsesValueAffix => true;

    public bool NeedsHistory => true;

    public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history)
    {
        if (_model.Predict(point.SeriesKey, point.Time + _duration, history) is not { } band) return null;
        var forecast = _boundType switch
        {
            "upper" => band.Upper,
            "lower" => band.Lower,
            _ => band.Expected,
        };
        if (_thresholds.Match(_context.ValueScale.Apply(forecast)) is not { } matched) return null;
        var label = _boundType switch
        {
            "upper" => "预测上界",
            "lower" => "预测下界",
            _ => "预测值",
        };
        return new AnomalyResult($"{_duration}秒后的{label}({_context.Unit.Display(forecast)}){matched.Message}");
    }

    public static TimeSeriesForecastingAlgorithm? Create(ConfigReader reader, AlgorithmContext context)
    {
        if (!reader.ExpectObject()) return null;
        var duration = reader.Integer("duration", min: 0);
        var boundType = reader.Choice("bound_type", BoundTypes, defaultValue: "middle");
        ThresholdRule? thresholds = null;
        if (!reader.Root.TryGetProperty("thresholds", out var thresholdsElement))
        {
            reader.Error("thresholds", "is required");
        }
        else
        {
            thresholds = ThresholdRule.Parse(reader, thresholdsElement, "thresholds", context.ThresholdScale, context.ThresholdSuffix);
        }
        var model = context.Models.Create(reader);
        if (reader.HasErrors || model is null || thresholds is null) return null;
        return new TimeSeriesForecastingAlgorithm(model, thresholds, context, boundType!, duration!.Value);
    }
}
