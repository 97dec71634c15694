using System.Text.Json;
using System.Text.Json.Nodes;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Detect;

namespace BkMonitor.Benchmarks.Hosting;

/// <summary>
/// The alarm benchmarks' strategy: <c>cpu ≥ 90</c> per host of one custom table, alerting on the first anomaly
/// (count 1 of 1), optionally running one action config on the abnormal signal only (one webhook per alert).
/// </summary>
internal static class AlarmBenchStrategy
{
    public const double Threshold = 90;
    public const int Interval = 60;

    public static string Json(string table, long? id = null, int? actionConfigId = null)
    {
        var body = new JsonObject
        {
            ["bk_biz_id"] = 2,
            ["name"] = $"bench cpu {table}",
            ["scenario"] = "os",
            ["items"] = new JsonArray(new JsonObject
            {
                ["name"] = "cpu",
                ["no_data_config"] = new JsonObject { ["is_enabled"] = false },
                ["algorithms"] = JsonNode.Parse($$"""[{"type": "Threshold", "level": 1, "config": [[{"threshold": {{Threshold}}, "method": "gte"}]]}]"""),
                ["query_configs"] = new JsonArray(new JsonObject
                {
                    ["data_source_label"] = "custom", ["data_type_label"] = "time_series", ["result_table_id"] = table,
                    ["metric_field"] = "cpu", ["agg_method"] = "avg", ["agg_interval"] = Interval,
                    ["agg_dimension"] = new JsonArray("host"), ["agg_condition"] = new JsonArray(),
                }),
            }),
            ["detects"] = JsonNode.Parse("""
                [{"level": 1, "connector": "and", "trigger_config": {"count": 1, "check_window": 1},
                  "recovery_config": {"check_window": 5, "status_setter": "recovery"}}]
                """),
        };
        if (id is { } strategyId) body["id"] = strategyId;
        if (actionConfigId is { } config)
        {
            body["actions"] = new JsonArray(new JsonObject
            {
                ["config_id"] = config, ["user_groups"] = new JsonArray(), ["signal"] = new JsonArray("abnormal"),
            });
        }
        return body.ToJsonString();
    }

    public static Strategy Parse(string json) => JsonSerializer.Deserialize<Strategy>(json, StrategyJson.Options)!;

    /// <summary>The strategy's only item compiled as detect runs it (item id 1).</summary>
    public static AlgorithmSet Compile(long strategyId, Strategy strategy)
    {
        var connectors = strategy.Detects.ToDictionary(d => d.Level, d => d.Connector);
        return AlgorithmSet.Compile(StrategyDetector.SpecOf(strategyId, strategy.Items[0] with { Id = 1 }, connectors));
    }
}
