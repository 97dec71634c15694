using System.Text.Json;
using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>One monitored item of a strategy: its queries, target range, algorithms and nodata rule.</summary>
public sealed record StrategyItem
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary><c>""</c> for a single metric, else an expression over query aliases such as <c>"a+b"</c>.</summary>
    [JsonPropertyName("expression")] public string Expression { get; init; } = "";
    [JsonPropertyName("functions")] public IReadOnlyList<JsonElement> Functions { get; init; } = [];

    /// <summary>Seconds the access window is shifted back for late data.</summary>
    [JsonPropertyName("time_delay")] public int TimeDelay { get; init; }

    /// <summary>OR-groups of AND-conditions.</summary>
    [JsonPropertyName("target")] public IReadOnlyList<IReadOnlyList<TargetCondition>> Target { get; init; } = [];
    [JsonPropertyName("algorithms")] public IReadOnlyList<AlgorithmConfig> Algorithms { get; init; } = [];
    [JsonPropertyName("no_data_config")] public NoDataConfig NoDataConfig { get; init; } = new();
    [JsonPropertyName("query_configs")] public IReadOnlyList<QueryConfig> QueryConfigs { get; init; } = [];
}
