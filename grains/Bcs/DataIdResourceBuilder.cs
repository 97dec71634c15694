using System.Text.Json.Nodes;

namespace BkMonitor.Grains.Bcs;

/// <summary>
/// The <c>DataID</c> custom resource (monitoring.bk.tencent.com/v1beta1) that tells bk-collector inside a
/// cluster which data id to report with, as bk-monitor's <c>make_config</c> builds it.
/// </summary>
internal static class DataIdResourceBuilder
{
    public const string Group = "monitoring.bk.tencent.com";
    public const string Version = "v1beta1";
    public const string Kind = "DataID";
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>
    /// Which resources a cluster gets. A federation proxy only gets the custom-metric one: its built-in
    /// K8S data comes from the sub-clusters (bk-monitor skips the rest for federated clusters).
    /// </summary>
    public static IReadOnlyList<BcsDataSourceSpec> SpecsToDeploy(bool isFederated) =>
        isFederated ? [BcsDataSourceSpec.Of(BcsDataSourceKind.CustomMetric)] : BcsDataSourceSpec.All;

    /// <summary><c>{bk_env}-{resource name lower}</c> (no prefix without bk_env), plus <c>-{cluster lower}-fed</c> for a federation proxy.</summary>
    public static string ResourceName(BcsDataSourceSpec spec, BcsClusterState cluster, bool isFederated)
    {
        var name = spec.ResourceName.ToLowerInvariant();
        if (cluster.BkEnv.Length > 0)
        {
            name = $"{cluster.BkEnv}-{name}";
        }
        return isFederated ? $"{name}-{cluster.ClusterId.ToLowerInvariant()}-fed" : name;
    }

    public static JsonObject Build(BcsClusterState cluster, BcsDataSourceSpec spec, bool isFederated, BcsReplaceConfig replace)
    {
        var labels = new JsonObject
        {
            ["usage"] = spec.Usage,
            // A federation proxy's custom metrics are its own, not shared with the sub-clusters.
            ["isCommon"] = spec.Kind == BcsDataSourceKind.CustomMetric && isFederated ? "false" : "true",
            ["isSystem"] = spec.IsSystem ? "true" : "false",
        };
        if (cluster.BkEnv.Length > 0)
        {
            labels["bk_env"] = cluster.BkEnv;
        }

        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = ResourceName(spec, cluster, isFederated),
                ["labels"] = labels,
            },
            ["spec"] = new JsonObject
            {
                ["dataID"] = cluster.DataIdOf(spec.Kind),
                ["labels"] = new JsonObject
                {
                    ["bcs_cluster_id"] = cluster.ClusterId,
                    ["bk_biz_id"] = cluster.BkBizId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                ["metricReplace"] = ToObject(replace.Metric),
                ["dimensionReplace"] = ToObject(replace.Dimension),
            },
        };
    }

    /// <summary>The PUT body: the desired object carrying the existing object's <c>metadata.resourceVersion</c> (optimistic concurrency).</summary>
    public static JsonObject ReplaceBody(JsonObject desired, JsonNode existing)
    {
        var version = existing["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (string.IsNullOrEmpty(version))
        {
            throw new ArgumentException("the existing DataID resource has no metadata.resourceVersion", nameof(existing));
        }
        var body = (JsonObject)desired.DeepClone();
        var metadata = body["metadata"] as JsonObject
            ?? throw new ArgumentException("the desired DataID resource has no metadata object", nameof(desired));
        metadata["resourceVersion"] = version;
        return body;
    }

    /// <summary>
    /// Whether the existing object already carries everything desired (bk-monitor <c>is_equal_config</c>):
    /// keys the cluster added (status, managedFields…) are ignored, so only a real difference is rewritten.
    /// </summary>
    public static bool IsUpToDate(JsonObject desired, JsonNode? existing)
    {
        if (existing is not JsonObject target)
        {
            return false;
        }
        foreach (var (key, value) in desired)
        {
            if (!target.TryGetPropertyValue(key, out var other))
            {
                return false;
            }
            var equal = value is JsonObject nested ? IsUpToDate(nested, other) : JsonNode.DeepEquals(value, other);
            if (!equal)
            {
                return false;
            }
        }
        return true;
    }

    private static JsonObject ToObject(IReadOnlyDictionary<string, string> rules)
    {
        var result = new JsonObject();
        foreach (var (source, target) in rules.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            result[source] = target;
        }
        return result;
    }
}
