using System.Text.Json;
using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Routing;

/// <summary>
/// One alarm cluster routing rule as configured (bk-monitor <c>RoutingRule</c>): targets of
/// <c>target_type</c> that the matcher accepts belong to <c>cluster_name</c>. <c>matcher_type</c> is
/// true, false or condition; a condition's <c>matcher_config</c> is an agg_condition list
/// <c>[{"method": "gte", "value": [100], "condition": "and"}]</c> applied to the target value.
/// </summary>
public sealed record ClusterRoutingRule
{
    [JsonPropertyName("target_type")]
    public required string TargetType { get; init; }

    [JsonPropertyName("cluster_name")]
    public required string ClusterName { get; init; }

    [JsonPropertyName("matcher_type")]
    public required string MatcherType { get; init; }

    [JsonPropertyName("matcher_config")]
    public JsonElement? MatcherConfig { get; init; }

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";
}
