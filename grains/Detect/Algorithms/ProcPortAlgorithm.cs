namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// Process/port liveness from the collector's proc_port metric: the process is missing
/// (<c>int(value) != 1</c>), or ports are not listening (<c>nonlisten</c>), or listen on the wrong IP
/// (<c>not_accurate_listen</c>); the dimension checks treat <c>"[]"</c> and <c>"null"</c> as "none".
/// </summary>
internal sealed class ProcPortAlgorithm : IDetectAlgorithm
{
    public const string TypeName = "ProcPort";

    public string Type => TypeName;

    public bool UsesValueAffix => false;

    public bool NeedsHistory => false;

    public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history)
    {
        // Python's int() of NaN or infinity raises: the point is not judged.
        if (!double.IsFinite(point.Value)) return null;
        var dimensions = point.Dimensions;
        var process = Dimension(dimensions, "display_name", "");
        if (Math.Truncate(point.Value) != 1)
        {
            return new AnomalyResult($"当前进程({process})不存在");
        }
        var nonListen = Dimension(dimensions, "nonlisten", "[]");
        if (IsSet(nonListen))
        {
            return new AnomalyResult($"当前进程({process})存在，端口({nonListen})不存在");
        }
        var inaccurate = Dimension(dimensions, "not_accurate_listen", "[]");
        if (IsSet(inaccurate))
        {
            return new AnomalyResult(
                $"当前进程({process})和监听端口({inaccurate})存在，监听的IP与CMDB中配置的({Dimension(dimensions, "bind_ip", "")})不符");
        }
        return null;
    }

    private static string Dimension(IReadOnlyDictionary<string, string> dimensions, string key, string missing) =>
        dimensions.TryGetValue(key, out var value) ? value : missing;

    private static bool IsSet(string value) => value is not ("[]" or "null");
}
