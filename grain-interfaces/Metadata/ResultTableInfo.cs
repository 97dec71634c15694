using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>A result table fed by a data source, with its fields and the storage cluster that holds it.</summary>
public sealed record ResultTableInfo
{
    [JsonPropertyName("table_id")]
    public required string TableId { get; init; }

    [JsonPropertyName("fields")]
    public IReadOnlyList<ResultTableField> Fields { get; init; } = [];

    [JsonPropertyName("storage_cluster_id")]
    public int? StorageClusterId { get; init; }

    /// <summary>The storage cluster (no secrets), filled in when read through the API; not stored.</summary>
    [JsonPropertyName("storage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ClusterInfoView? Storage { get; init; }
}

/// <summary>One column of a result table; <c>tag</c> is metric, dimension or timestamp.</summary>
public sealed record ResultTableField
{
    [JsonPropertyName("field_name")]
    public required string FieldName { get; init; }

    [JsonPropertyName("field_type")]
    public required string FieldType { get; init; }

    [JsonPropertyName("tag")]
    public required string Tag { get; init; }
}
