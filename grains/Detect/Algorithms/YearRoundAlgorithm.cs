using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Shared shape of the year-round amplitude and range algorithms: a comparison of today against the
/// same moment of past days, scaled by <c>ratio</c> and offset by <c>shock</c> (read in the unit prefix).
/// </summary>
internal abstract class YearRoundAlgorithm : IDetectAlgorithm
{
    protected YearRoundAlgorithm(YearRoundConfig config, AlgorithmContext context)
    {
        Config = config;
        Context = context;
        NormalisedShock = context.ThresholdScale.Apply(config.Shock);
    }

    public abstract string Type { get; }

    public bool UsesValueAffix => true;

    public bool NeedsHistory => true;

    protected YearRoundConfig Config { get; }

    protected AlgorithmContext Context { get; }

    protected double NormalisedShock { get; }

    /// <summary>The right-hand side as printed: <c>"{past} * {ratio} + {shock}{unit}"</c>.</summary>
    protected string ScaledPast(double past) =>
        $"{Context.Unit.Display(past)} * {PythonStr.Float(Config.Ratio)} + {PythonStr.Float(Config.Shock)}{Context.ThresholdSuffix}";

    public abstract AnomalyResult? Detect(in DetectPoint point, in HistoryReader history);
}
