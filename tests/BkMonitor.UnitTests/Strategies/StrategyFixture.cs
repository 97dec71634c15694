using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BkMonitor.UnitTests.Strategies;

/// <summary>A complete, valid strategy JSON and a path editor for building invalid variations of it.</summary>
internal static partial class StrategyFixture
{
    public const string ValidJson = """
    {
      "id": 1, "bk_biz_id": 2, "name": "CPU usage high", "scenario": "os", "type": "monitor",
      "labels": ["host"],
      "items": [{
        "id": 11, "name": "CPU usage", "expression": "", "functions": [], "time_delay": 0,
        "target": [[{"field": "bk_target_ip", "method": "eq",
                     "value": [{"bk_target_ip": "127.0.0.1", "bk_target_cloud_id": 0}]}]],
        "algorithms": [
          {"id": 21, "type": "Threshold", "level": 1, "config": [[{"threshold": 90, "method": "gte"}]], "unit_prefix": "%"},
          {"id": 22, "type": "Threshold", "level": 2, "config": [[{"threshold": 80, "method": "gte"}]], "unit_prefix": "%"}
        ],
        "no_data_config": {"is_enabled": true, "continuous": 10, "level": 2, "agg_dimension": ["bk_target_ip"]},
        "query_configs": [{
          "data_source_label": "bk_monitor", "data_type_label": "time_series",
          "metric_id": "bk_monitor.system.cpu_summary.usage", "result_table_id": "system.cpu_summary",
          "metric_field": "usage", "agg_method": "AVG", "agg_interval": 60,
          "agg_dimension": ["bk_target_ip", "bk_target_cloud_id"], "agg_condition": [],
          "unit": "percent", "alias": "a", "functions": []
        }]
      }],
      "detects": [
        {"level": 1, "expression": "", "connector": "and",
         "trigger_config": {"count": 3, "check_window": 5,
                            "uptime": {"time_ranges": [{"start": "00:00", "end": "23:59"}], "calendars": []}},
         "recovery_config": {"check_window": 5, "status_setter": "recovery"}},
        {"level": 2, "connector": "or",
         "trigger_config": {"count": 1, "check_window": 2},
         "recovery_config": {"check_window": 3}}
      ],
      "notice": {
        "config_id": 0, "user_groups": [5], "signal": ["abnormal", "recovered"],
        "options": {
          "converge_config": {"is_enabled": true, "converge_func": "collect", "timedelta": 60, "count": 1,
                              "condition": [{"dimension": "strategy_id", "value": ["self"]}]},
          "upgrade_config": {"is_enabled": false},
          "exclude_notice_ways": {"recovered": ["sms"]},
          "start_time": "00:00:00", "end_time": "23:59:59"
        },
        "config": {"need_poll": true, "notify_interval": 7200, "interval_notify_mode": "standard",
                   "template": [{"signal": "abnormal", "title_tmpl": "{{strategy.name}}", "message_tmpl": "{{content.level}}"}]}
      },
      "actions": [{"config_id": 7, "user_groups": [], "signal": ["abnormal"], "options": {"skip_delay": 600}}],
      "create_time": 1700000000, "update_time": 1700000100
    }
    """;

    public const string Remove = "<remove>";

    public static JsonObject Valid() => JsonNode.Parse(ValidJson)!.AsObject();

    public static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);

    /// <summary>The valid strategy with the value at <paramref name="path"/> replaced by a JSON literal (or removed).</summary>
    public static JsonElement With(string path, string jsonOrRemove)
    {
        var root = Valid();
        Edit(root, path, jsonOrRemove);
        return Element(root);
    }

    public static void Edit(JsonNode root, string path, string jsonOrRemove)
    {
        var segments = PathSegment().Matches(path).Select(m => m.Value).ToList();
        var parent = root;
        foreach (var segment in segments[..^1]) parent = Child(parent, segment)!;
        var last = segments[^1];
        var value = jsonOrRemove == Remove ? null : JsonNode.Parse(jsonOrRemove);
        if (last.StartsWith('['))
        {
            parent.AsArray()[Index(last)] = value;
        }
        else if (jsonOrRemove == Remove)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent.AsObject()[last] = value;
        }
    }

    private static JsonNode? Child(JsonNode node, string segment) =>
        segment.StartsWith('[') ? node.AsArray()[Index(segment)] : node.AsObject()[segment];

    private static int Index(string segment) => int.Parse(segment[1..^1], System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\[\d+\]|[^.\[\]]+")]
    private static partial Regex PathSegment();
}
