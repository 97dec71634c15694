namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>Simple year-round: compares with the same moment one week earlier (<c>t - 604800</c>).</summary>
internal sealed class SimpleYearRoundAlgorithm : SimpleRatioAlgorithm
{
    public const string TypeName = "SimpleYearRound";
    public const long OneWeek = 604_800;

    private SimpleYearRoundAlgorithm(double? floor, double? ceil, AlgorithmContext context)
        : base(floor, ceil, context, OneWeek) { }

    public override string Type => TypeName;

    protected override string HistoryLabel => "较上周同一时刻";

    public static SimpleYearRoundAlgorithm? Create(ConfigReader reader, AlgorithmContext context) =>
        ReadConfig(reader) is { } config ? new SimpleYearRoundAlgorithm(config.Floor, config.Ceil, context) : null;
}
