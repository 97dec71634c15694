namespace BkMonitor.Grains.Detect;

/// <summary>
/// One configured detect algorithm, compiled once per strategy item. <see cref="Detect"/> returns
/// null when the point is normal and also when it cannot be judged (missing history, bad value):
/// bk-monitor treats an evaluation error as "not anomalous".
/// </summary>
internal interface IDetectAlgorithm
{
    string Type { get; }

    /// <summary>True when the message is framed as "{item name}{body}, 当前值{value}".</summary>
    bool UsesValueAffix { get; }

    /// <summary>True when the algorithm reads history (so the caller must supply a series key).</summary>
    bool NeedsHistory { get; }

    AnomalyResult? Detect(in DetectPoint point, in HistoryReader history);
}

/// <summary>The body of an anomaly message, e.g. " >= 90.0%" or "较前一时刻(10.0)上升超过50.0%".</summary>
internal sealed record AnomalyResult(string Message);
