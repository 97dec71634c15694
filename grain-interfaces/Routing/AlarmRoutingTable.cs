using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Routing;

/// <summary>
/// The alarm cluster routing rules in force (each rule's cluster name is the silo role that hosts its targets; the
/// <c>default</c> cluster is any silo) and the business of every strategy, which places strategy-keyed grains.
/// </summary>
public sealed record AlarmRoutingTable
{
    /// <summary>Raised by one on every change of the rules, so a silo never applies an older table over a newer one.</summary>
    [JsonPropertyName("version")]
    public long Version { get; init; }

    [JsonPropertyName("rules")]
    public IReadOnlyList<ClusterRoutingRule> Rules { get; init; } = [];

    [JsonPropertyName("strategy_biz")]
    public IReadOnlyDictionary<long, long> StrategyBiz { get; init; } = new Dictionary<long, long>();
}

/// <summary>The stored table after a rules change, or field-level errors (nothing changed then).</summary>
public sealed record RoutingRulesResult(
    [property: JsonPropertyName("table")] AlarmRoutingTable? Table,
    [property: JsonPropertyName("errors")] IReadOnlyDictionary<string, string[]>? Errors);
