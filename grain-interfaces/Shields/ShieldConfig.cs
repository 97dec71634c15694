using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Shields;

/// <summary>An alarm shield: which alerts (category + dimension_config) and when (begin/end + cycle_config).</summary>
public sealed record ShieldConfig
{
    [JsonPropertyName("id")]
    public long Id { get; init; }

    [JsonPropertyName("bk_biz_id")]
    public long BkBizId { get; init; }

    /// <summary>One of <see cref="ShieldCategory"/>.</summary>
    [JsonPropertyName("category")]
    public string Category { get; init; } = "";

    /// <summary>One of <see cref="ShieldScopeType"/>, for scope shields (and strategy shields with a target).</summary>
    [JsonPropertyName("scope_type")]
    public string? ScopeType { get; init; }

    /// <summary>Epoch seconds; the shield never applies before it.</summary>
    [JsonPropertyName("begin_time")]
    public long BeginTime { get; init; }

    /// <summary>Epoch seconds; the shield never applies after it.</summary>
    [JsonPropertyName("end_time")]
    public long EndTime { get; init; }

    [JsonPropertyName("cycle_config")]
    public ShieldCycleConfig CycleConfig { get; init; } = new();

    [JsonPropertyName("dimension_config")]
    public ShieldDimensionConfig DimensionConfig { get; init; } = new();

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("is_enabled")]
    public bool IsEnabled { get; init; } = true;

    [JsonPropertyName("label")]
    public string? Label { get; init; }

    /// <summary>Epoch seconds at which the shield was deleted (ended early); null while it was not.</summary>
    [JsonPropertyName("delete_time")]
    public long? DeleteTime { get; init; }
}
