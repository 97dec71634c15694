namespace BkMonitor.Grains.Bcs;

/// <summary>
/// Metric and dimension renames written into DataID resources (bk-monitor <c>ReplaceConfig</c>): the
/// common rules overlaid with the cluster-level ones, which win on the same source name.
/// </summary>
internal sealed record BcsReplaceConfig(IReadOnlyDictionary<string, string> Metric, IReadOnlyDictionary<string, string> Dimension)
{
    public static BcsReplaceConfig Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    public static BcsReplaceConfig Merge(BcsReplaceConfig common, BcsReplaceConfig cluster) =>
        new(Overlay(common.Metric, cluster.Metric), Overlay(common.Dimension, cluster.Dimension));

    private static Dictionary<string, string> Overlay(IReadOnlyDictionary<string, string> baseRules, IReadOnlyDictionary<string, string> overrides)
    {
        var merged = new Dictionary<string, string>(baseRules, StringComparer.Ordinal);
        foreach (var (source, target) in overrides)
        {
            merged[source] = target;
        }
        return merged;
    }
}
