using System.Text.Json;
using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Detect;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.UnitTests.Pipeline;

/// <summary>Strategies reading metric <c>cpu</c> of one custom table per host, agg 60 s, built by the real validator.</summary>
internal static class PipelineStrategies
{
    public const string Table = "2_bkmonitor_time_series_1500000.__default__";
    public const long T0 = 1_700_000_040; // a multiple of 60

    /// <summary>Threshold at level 1: fatal when cpu ≥ 90, triggering at 3 anomalies in 5 periods.</summary>
    public static Strategy Threshold(long id = 7, string extraCondition = "") => Parse($$$"""
        {
          "id": {{{id}}}, "bk_biz_id": 2, "name": "cpu high", "scenario": "os",
          "items": [{
            "id": 1, "name": "cpu", "no_data_config": {"is_enabled": false},
            "algorithms": [{"type": "Threshold", "level": 1, "config": [[{"threshold": 90, "method": "gte"}]]}],
            "query_configs": [{
              "data_source_label": "custom", "data_type_label": "time_series", "metric_id": "custom.cpu",
              "result_table_id": "{{{Table}}}", "metric_field": "cpu", "agg_method": "avg", "agg_interval": 60,
              "agg_dimension": ["host"], "agg_condition": [{{{extraCondition}}}]
            }]
          }],
          "detects": [{"level": 1, "connector": "and",
                       "trigger_config": {"count": 3, "check_window": 5},
                       "recovery_config": {"check_window": 5}}]
        }
        """);

    /// <summary>SimpleRingRatio at level 2: warning when cpu rises 50% over the previous period, on the first anomaly.</summary>
    public static Strategy RingRatio(long id = 8) => Parse($$$"""
        {
          "id": {{{id}}}, "bk_biz_id": 2, "name": "cpu jump", "scenario": "os",
          "items": [{
            "id": 1, "name": "cpu",
            "algorithms": [{"type": "SimpleRingRatio", "level": 2, "config": {"ceil": 50, "floor": null}}],
            "query_configs": [{
              "data_source_label": "custom", "data_type_label": "time_series",
              "result_table_id": "{{{Table}}}", "metric_field": "cpu", "agg_method": "avg", "agg_interval": 60,
              "agg_dimension": ["host"]
            }]
          }],
          "detects": [{"level": 2, "trigger_config": {"count": 1, "check_window": 1}, "recovery_config": {"check_window": 5}}]
        }
        """);

    public static Strategy Parse(string json)
    {
        var result = new StrategyValidator(DetectAlgorithmConfigValidator.Default).Validate(json);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return result.Strategy!;
    }

    public static Dictionary<string, string> Host(string host) => new() { ["host"] = host };

    public static string Md5(string host) => CountMd5.Of(Host(host));

    public static string AnomalyId(string host, long time, long strategyId, int level) => $"{Md5(host)}.{time}.{strategyId}.1.{level}";

    /// <summary>One batch of item 1 of strategy 7.</summary>
    public static AccessBatch Batch(IReadOnlyList<DataPointRecord> records) =>
        new() { StrategyId = 7, Version = 1, Items = [new ItemRecords(1, records)] };

    /// <summary>Records of the series host=h1.</summary>
    public static List<DataPointRecord> Records((long Time, double Value)[] points) =>
        points.Select(p => new DataPointRecord { RecordId = $"{Md5("h1")}.{p.Time}", Value = p.Value, Dimensions = Host("h1"), Time = p.Time }).ToList();

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
