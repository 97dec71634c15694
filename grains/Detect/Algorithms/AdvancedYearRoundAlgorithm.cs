namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Advanced year-round: history at the same moment of the previous days (<c>t - k*86400</c>), using the
/// absolute values of those history points (the current value keeps its sign).
/// </summary>
internal sealed class AdvancedYearRoundAlgorithm : AdvancedRatioAlgorithm
{
    public const string TypeName = "AdvancedYearRound";
    public const long OneDay = 86_400;

    private AdvancedYearRoundAlgorithm(AdvancedRatioConfig config, AlgorithmContext context)
        : base(config, context, OneDay, absoluteHistory: true) { }

    public override string Type => TypeName;

    protected override string Describe(int interval, string shownHistory, string direction, double percent) =>
        $"较前{interval}天内同一时刻绝对值的{FetchDescription}({shownHistory}){direction}超过{Percent(percent)}%";

    public static AdvancedYearRoundAlgorithm? Create(ConfigReader reader, AlgorithmContext context) =>
        AdvancedRatioConfig.Read(reader) is { } config ? new AdvancedYearRoundAlgorithm(config, context) : null;
}
