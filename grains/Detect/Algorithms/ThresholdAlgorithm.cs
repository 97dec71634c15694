namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>Static threshold: anomalous when any AND-group of comparisons holds for the normalised value.</summary>
internal sealed class ThresholdAlgorithm : IDetectAlgorithm
{
    public const string TypeName = "Threshold";

    private readonly ThresholdRule _rule;
    private readonly AlgorithmContext _context;

    public ThresholdAlgorithm(ThresholdRule rule, AlgorithmContext context)
    {
        _rule = rule;
        _context = context;
    }

    public string Type => TypeName;

    public bool UsesValueAffix => true;

    public bool NeedsHistory => false;

    public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history) =>
        _rule.Match(_context.ValueScale.Apply(point.Value));

    public static ThresholdAlgorithm? Create(ConfigReader reader, AlgorithmContext context)
    {
        var rule = ThresholdRule.Parse(reader, reader.Root, "", context.ThresholdScale, context.ThresholdSuffix);
        return rule is null ? null : new ThresholdAlgorithm(rule, context);
    }
}
