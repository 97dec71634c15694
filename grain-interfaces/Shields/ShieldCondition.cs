using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Shields;

/// <summary>
/// One dimension condition; a condition with <c>condition: "or"</c> starts a new AND-group, and the
/// groups are OR-ed. <c>eq</c> matches when any listed value equals the dimension's value.
/// </summary>
public sealed record ShieldCondition
{
    [JsonPropertyName("key")]
    public string Key { get; init; } = "";

    [JsonPropertyName("value")]
    public IReadOnlyList<string> Value { get; init; } = [];

    /// <summary>eq, neq, include, exclude, gt, gte, lt, lte, reg or nreg.</summary>
    [JsonPropertyName("method")]
    public string Method { get; init; } = "eq";

    /// <summary>and or or: how this condition joins the previous one.</summary>
    [JsonPropertyName("condition")]
    public string Condition { get; init; } = "and";

    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }
}
