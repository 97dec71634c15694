namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>Ping unreachable: the loss ratio (0..1) reached 1. No config.</summary>
internal sealed class PingUnreachableAlgorithm : IDetectAlgorithm
{
    public const string TypeName = "PingUnreachable";

    private static readonly AnomalyResult Unreachable = new("Ping不可达");

    public string Type => TypeName;

    public bool UsesValueAffix => false;

    public bool NeedsHistory => false;

    public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history) => point.Value >= 1 ? Unreachable : null;
}
