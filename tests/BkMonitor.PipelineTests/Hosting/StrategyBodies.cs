namespace BkMonitor.PipelineTests.Hosting;

/// <summary>Strategy JSON bodies as a client would send them: metric <c>cpu</c> of a custom table per host, agg 60 s.</summary>
public static class StrategyBodies
{
    public static string Threshold(string table, double threshold = 90, int count = 3, int window = 5, int level = 1, long? id = null, string name = "cpu high") =>
        Body(table, id, name, level, count, window,
            $$$"""{"type": "Threshold", "level": {{{level}}}, "config": [[{"threshold": {{{threshold}}}, "method": "gte"}]], "unit_prefix": ""}""");

    public static string RingRatio(string table, double ceil = 50, long? id = null) =>
        Body(table, id, "cpu jump", 2, 1, 1, $$$"""{"type": "SimpleRingRatio", "level": 2, "config": {"ceil": {{{ceil}}}, "floor": null}}""");

    private static string Body(string table, long? id, string name, int level, int count, int window, string algorithm) => $$$"""
        {
          {{{(id is null ? "" : $"\"id\": {id},")}}}
          "bk_biz_id": 2, "name": "{{{name}}}", "scenario": "os", "labels": ["pipeline"],
          "items": [{
            "name": "cpu usage", "no_data_config": {"is_enabled": false},
            "algorithms": [{{{algorithm}}}],
            "query_configs": [{
              "data_source_label": "custom", "data_type_label": "time_series", "metric_id": "custom.{{{table}}}.cpu",
              "result_table_id": "{{{table}}}", "metric_field": "cpu", "agg_method": "avg", "agg_interval": 60,
              "agg_dimension": ["host"], "agg_condition": [], "unit": "percent"
            }]
          }],
          "detects": [{"level": {{{level}}}, "connector": "and",
                       "trigger_config": {"count": {{{count}}}, "check_window": {{{window}}}},
                       "recovery_config": {"check_window": 5, "status_setter": "recovery"}}]
        }
        """;
}
