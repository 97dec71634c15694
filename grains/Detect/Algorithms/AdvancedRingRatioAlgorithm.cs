namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>Advanced ring ratio: history at <c>t - k*agg_interval</c>, values as they are.</summary>
internal sealed class AdvancedRingRatioAlgorithm : AdvancedRatioAlgorithm
{
    public const string TypeName = "AdvancedRingRatio";

    private AdvancedRingRatioAlgorithm(AdvancedRatioConfig config, AlgorithmContext context)
        : base(config, context, context.AggInterval, absoluteHistory: false) { }

    public override string Type => TypeName;

    protected override string Describe(int interval, string shownHistory, string direction, double percent) =>
        $"较前{interval}个时间点的{FetchDescription}({shownHistory}){direction}超过{Percent(percent)}%";

    public static AdvancedRingRatioAlgorithm? Create(ConfigReader reader, AlgorithmContext context) =>
        AdvancedRatioConfig.Read(reader) is { } config ? new AdvancedRingRatioAlgorithm(config, context) : null;
}
