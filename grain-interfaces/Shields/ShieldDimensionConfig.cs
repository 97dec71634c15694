using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Shields;

/// <summary>
/// The alert selection of a shield. Every field that is set must match (each is any-of over its
/// values); fields left null do not constrain.
/// </summary>
public sealed record ShieldDimensionConfig
{
    [JsonPropertyName("strategy_id")]
    public IReadOnlyList<long>? StrategyIds { get; init; }

    /// <summary>Alert severities (1 fatal, 2 warning, 3 remind).</summary>
    [JsonPropertyName("level")]
    public IReadOnlyList<int>? Levels { get; init; }

    [JsonPropertyName("dimension_conditions")]
    public IReadOnlyList<ShieldCondition>? DimensionConditions { get; init; }

    /// <summary>The shielded alert (category alert).</summary>
    [JsonPropertyName("alert_id")]
    public string? AlertId { get; init; }

    /// <summary>Category alert: the alert's dimension values; alerts of the same strategy with these values match too.</summary>
    [JsonPropertyName("dimensions")]
    public IReadOnlyDictionary<string, string>? Dimensions { get; init; }

    [JsonPropertyName("bk_target_ip")]
    public IReadOnlyList<ShieldHostTarget>? Hosts { get; init; }

    [JsonPropertyName("bk_topo_node")]
    public IReadOnlyList<ShieldTopoNode>? TopoNodes { get; init; }

    [JsonPropertyName("service_instance_id")]
    public IReadOnlyList<string>? ServiceInstanceIds { get; init; }

    /// <summary>Host ids (dynamic groups are resolved to their hosts by the caller).</summary>
    [JsonPropertyName("bk_host_id")]
    public IReadOnlyList<string>? HostIds { get; init; }

    [JsonPropertyName("dynamic_group")]
    public IReadOnlyList<long>? DynamicGroupIds { get; init; }

    [JsonPropertyName("metric_id")]
    public IReadOnlyList<string>? MetricIds { get; init; }
}

/// <summary>A host as <c>{bk_target_ip, bk_target_cloud_id}</c>.</summary>
public sealed record ShieldHostTarget
{
    [JsonPropertyName("bk_target_ip")]
    public string Ip { get; init; } = "";

    [JsonPropertyName("bk_target_cloud_id")]
    public long CloudId { get; init; }
}

/// <summary>A topo node as <c>{bk_obj_id, bk_inst_id}</c>.</summary>
public sealed record ShieldTopoNode
{
    [JsonPropertyName("bk_obj_id")]
    public string ObjectId { get; init; } = "";

    [JsonPropertyName("bk_inst_id")]
    public long InstanceId { get; init; }
}
