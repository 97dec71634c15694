namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>Simple ring ratio: compares with the previous period (<c>t - agg_interval</c>).</summary>
internal sealed class SimpleRingRatioAlgorithm : SimpleRatioAlgorithm
{
    public const string TypeName = "SimpleRingRatio";

    private SimpleRingRatioAlgorithm(double? floor, double? ceil, AlgorithmContext context)
        : base(floor, ceil, context, context.AggInterval) { }

    public override string Type => TypeName;

    protected override string HistoryLabel => "较前一时刻";

    public static SimpleRingRatioAlgorithm? Create(ConfigReader reader, AlgorithmContext context) =>
        ReadConfig(reader) is { } config ? new SimpleRingRatioAlgorithm(config.Floor, config.Ceil, context) : null;
}
