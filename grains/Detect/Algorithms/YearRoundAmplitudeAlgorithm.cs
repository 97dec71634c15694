namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Year-round amplitude: today's step <c>|v(t) - v(t-agg)|</c> compared (by method) with the same step
/// i days ago times ratio plus shock, for i = 1..days in order; the first day that holds wins. A
/// missing point on the way (today's previous period, or either point of day i) stops the check:
/// bk-monitor fails on it and the point counts as normal.
/// </summary>
internal sealed class YearRoundAmplitudeAlgorithm : YearRoundAlgorithm
{
    public const string TypeName = "YearRoundAmplitude";

    private YearRoundAmplitudeAlgorithm(YearRoundConfig config, AlgorithmContext context) : base(config, context) { }

    public override string Type => TypeName;

    public override AnomalyResult? Detect(in DetectPoint point, in HistoryReader history)
    {
        var agg = Context.AggInterval;
        if (history.At(point.SeriesKey, point.Time - agg) is not { } previous) return null;
        if (history.Current(point.Value) is not { } current) return null;
        var scale = Context.ValueScale;
        var step = scale.Apply(Math.Abs(current - previous));
        for (var day = 1; day <= Config.Days; day++)
        {
            var dayTime = point.Time - day * AdvancedYearRoundAlgorithm.OneDay;
            if (history.At(point.SeriesKey, dayTime) is not { } dayValue) return null;
            if (history.At(point.SeriesKey, dayTime - agg) is not { } dayPrevious) return null;
            var dayStep = Math.Abs(dayValue - dayPrevious);
            if (Config.Method.Holds(step, scale.Apply(dayStep) * Config.Ratio + NormalisedShock))
            {
                return new AnomalyResult(
                    $" - 前一时刻值{Context.Unit.Display(previous)} {Config.Method.Symbol()} {day}天前的同一时刻差值{ScaledPast(dayStep)}");
            }
        }
        return null;
    }

    public static YearRoundAmplitudeAlgorithm? Create(ConfigReader reader, AlgorithmContext context) =>
        YearRoundConfig.Read(reader) is { } config ? new YearRoundAmplitudeAlgorithm(config, context) : null;
}
