using System.Text.Json;
using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>
/// One target-range condition, e.g. field <c>bk_target_ip</c> with values
/// <c>[{"bk_target_ip": "127.0.0.1", "bk_target_cloud_id": 0}]</c>; field <c>ip</c> means <c>bk_target_ip</c>.
/// </summary>
public sealed record TargetCondition
{
    [JsonPropertyName("field")] public string Field { get; init; } = "";

    /// <summary>eq | neq.</summary>
    [JsonPropertyName("method")] public string Method { get; init; } = "eq";
    [JsonPropertyName("value")] public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Value { get; init; } = [];
}
