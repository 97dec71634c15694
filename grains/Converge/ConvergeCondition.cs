using System.Text.Json.Serialization;

namespace BkMonitor.Grains.Converge;

/// <summary>One converge condition: instances match when their <c>dimension</c> equals one of <c>value</c>.</summary>
internal sealed record ConvergeCondition
{
    [JsonPropertyName("dimension")]
    public string Dimension { get; init; } = "";

    /// <summary>Literal values, or <c>"self"</c> for the converging instance's own value.</summary>
    [JsonPropertyName("value")]
    [JsonConverter(typeof(ScalarStringListConverter))]
    public IReadOnlyList<string> Value { get; init; } = [ConvergeDimension.Self];
}
