namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Year-round range: <c>|v|</c> compared (by method) with <c>|hist[i]|*ratio + shock</c>, where hist is
/// the list of existing points at the same moment of days 1..days with the gaps closed up. A missing
/// day therefore shifts later days to lower indices, and an index past the end stops the check.
/// </summary>
internal sealed class YearRoundRangeAlgorithm : YearRoundAlgorithm
{
    public const string TypeName = "YearRoundRange";

    private YearRoundRangeAlgorithm(YearRoundConfig config, AlgorithmContext context) : base(config, context) { }

    public override string Type => TypeName;

    public override AnomalyResult? Detect(in DetectPoint point, in HistoryReader history)
    {
        var scale = Context.ValueScale;
        var value = Math.Abs(scale.Apply(point.Value));
        var index = 0;
        for (var day = 1; day <= Config.Days; day++)
        {
            if (history.At(point.SeriesKey, point.Time - day * AdvancedYearRoundAlgorithm.OneDay) is not { } past) continue;
            // The compacted list's entry `index` is reported as "index+1 days ago", as bk-monitor does.
            if (Config.Method.Holds(value, Math.Abs(scale.Apply(past)) * Config.Ratio + NormalisedShock))
            {
                return new AnomalyResult($" {Config.Method.Symbol()} {index + 1}天前的同一时刻绝对值{ScaledPast(past)}");
            }
            index++;
        }
        // Fewer existing days than configured: bk-monitor indexes past the end and gives up on the point.
        return null;
    }

    public static YearRoundRangeAlgorithm? Create(ConfigReader reader, AlgorithmContext context) =>
        YearRoundConfig.Read(reader) is { } config ? new YearRoundRangeAlgorithm(config, context) : null;
}
