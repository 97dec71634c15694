namespace BkMonitor.Grains.Detect;

/// <summary>
/// The algorithms of one level combined by the detect's connector: <c>and</c> needs every algorithm
/// to flag and joins their messages with " 同时 "; <c>or</c> takes the first that flags. An algorithm
/// that throws counts as not flagging, so under <c>and</c> it clears the level.
/// </summary>
internal sealed class LevelDetector
{
    private const string Joiner = " 同时 ";

    private readonly IDetectAlgorithm[] _algorithms;
    private readonly bool _or;

    public LevelDetector(int level, IDetectAlgorithm[] algorithms, bool or, string anomalyIdSuffix)
    {
        if (algorithms.Length == 0) throw new ArgumentException("a level needs at least one algorithm", nameof(algorithms));
        Level = level;
        _algorithms = algorithms;
        _or = or;
        AnomalyIdSuffix = anomalyIdSuffix;
    }

    public int Level { get; }

    /// <summary><c>".{strategy_id}.{item_id}.{level}"</c>, appended to the record_id to form the anomaly_id.</summary>
    public string AnomalyIdSuffix { get; }

    /// <summary>The message body when the level flags the point, with whether it is framed by item name and value.</summary>
    public string? Evaluate(in DetectPoint point, in HistoryReader history, out bool framed)
    {
        framed = false;
        if (_algorithms.Length == 1)
        {
            var only = _algorithms[0];
            if (TryDetect(only, point, history) is not { } result) return null;
            framed = only.UsesValueAffix;
            return result.Message;
        }

        string? joined = null;
        foreach (var algorithm in _algorithms)
        {
            if (TryDetect(algorithm, point, history) is not { } result)
            {
                if (_or) continue;
                return null;
            }
            framed |= algorithm.UsesValueAffix;
            joined = joined is null ? result.Message : joined + Joiner + result.Message;
            if (_or) break;
        }
        return joined;
    }

    private static AnomalyResult? TryDetect(IDetectAlgorithm algorithm, in DetectPoint point, in HistoryReader history)
    {
        try
        {
            return algorithm.Detect(point, history);
        }
        catch (Exception)
        {
            // bk-monitor: an error while evaluating a point makes it not anomalous, silently.
            return null;
        }
    }
}
