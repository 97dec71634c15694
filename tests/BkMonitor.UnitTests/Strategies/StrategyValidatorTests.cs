using System.Text.Json;
using BkMonitor.Grains.Strategies;
using static BkMonitor.UnitTests.Strategies.StrategyFixture;

namespace BkMonitor.UnitTests.Strategies;

public sealed class StrategyValidatorTests
{
    private readonly StrategyValidator _validator = new();

    [Fact]
    public void Valid_strategy_produces_the_typed_record()
    {
        var result = _validator.Validate(ValidJson);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        var strategy = result.Strategy!;
        Assert.Equal(1, strategy.Id);
        Assert.Equal(2, strategy.BkBizId);
        Assert.Equal("os", strategy.Scenario);
        Assert.Equal(1700000100, strategy.UpdateTime);
        var item = Assert.Single(strategy.Items);
        Assert.Equal(2, item.Algorithms.Count);
        Assert.Equal(JsonValueKind.Array, item.Algorithms[0].Config.ValueKind);
        Assert.Equal("%", item.Algorithms[0].UnitPrefix);
        Assert.Equal("127.0.0.1", item.Target[0][0].Value[0]["bk_target_ip"].GetString());
        var query = Assert.Single(item.QueryConfigs);
        Assert.Equal(60, query.AggInterval);
        Assert.Equal(["bk_target_ip", "bk_target_cloud_id"], query.AggDimension);
        Assert.Equal(10, item.NoDataConfig.Continuous);
        Assert.Equal(3, strategy.Detects[0].TriggerConfig.Count);
        Assert.Equal("23:59", strategy.Detects[0].TriggerConfig.Uptime!.TimeRanges[0].End);
        Assert.Equal(7200, strategy.Notice!.Config.NotifyInterval);
        Assert.Equal(["sms"], strategy.Notice.Options.ExcludeNoticeWays["recovered"]);
        Assert.Equal(600, strategy.Actions[0].Options.SkipDelay);
    }

    [Fact]
    public void Missing_optional_fields_take_bk_monitor_defaults()
    {
        var root = Valid();
        Edit(root, "items[0].no_data_config", Remove);
        Edit(root, "actions[0].options", Remove);
        Edit(root, "notice.config", Remove);
        Edit(root, "type", Remove);

        var strategy = _validator.Validate(Element(root)).Strategy!;

        Assert.Equal("monitor", strategy.Type);
        Assert.True(strategy.IsEnabled);
        Assert.False(strategy.Items[0].NoDataConfig.IsEnabled);
        Assert.Equal(5, strategy.Items[0].NoDataConfig.Continuous);
        Assert.Equal(2, strategy.Items[0].NoDataConfig.Level);
        Assert.Equal("", strategy.Detects[1].Expression);
        Assert.Equal("recovery", strategy.Detects[1].RecoveryConfig.StatusSetter);
        Assert.Equal("00:00:00", strategy.Actions[0].Options.StartTime);
        Assert.Equal("23:59:59", strategy.Actions[0].Options.EndTime);
        Assert.Equal(1440, strategy.Actions[0].Options.UpgradeConfig.UpgradeInterval);
        Assert.True(strategy.Notice!.Config.NeedPoll);
        Assert.Equal(3600, strategy.Notice.Config.NotifyInterval);
        Assert.Equal("standard", strategy.Notice.Config.IntervalNotifyMode);
    }

    [Fact]
    public void Notice_gets_no_data_when_abnormal_is_notified()
    {
        var strategy = _validator.Validate(ValidJson).Strategy!;

        Assert.Equal(["abnormal", "recovered", "no_data"], strategy.Notice!.Signal);
        Assert.Equal(["abnormal"], strategy.Actions[0].Signal);
    }

    [Fact]
    public void Notice_loses_no_data_without_abnormal()
    {
        var strategy = _validator.Validate(With("notice.signal", """["recovered", "no_data"]""")).Strategy!;

        Assert.Equal(["recovered"], strategy.Notice!.Signal);
    }

    [Fact]
    public void Condition_values_are_kept_as_python_renders_them()
    {
        var json = With("items[0].query_configs[0].agg_condition",
            """[{"key": "port", "method": "eq", "value": [80, "443", 1.5, true]}]""");

        var condition = _validator.Validate(json).Strategy!.Items[0].QueryConfigs[0].AggCondition[0];

        Assert.Equal(["80", "443", "1.5", "True"], condition.Value);
        Assert.Null(condition.Condition);
    }

    [Theory]
    [InlineData("foo", "1", "foo", "unknown field")]
    [InlineData("items[0].query_configs[0].bogus", "1", "items[0].query_configs[0].bogus", "unknown field")]
    [InlineData("detects[0].trigger_config.extra", "true", "detects[0].trigger_config.extra", "unknown field")]
    [InlineData("bk_biz_id", "\"2\"", "bk_biz_id", "must be an integer")]
    [InlineData("bk_biz_id", "2.5", "bk_biz_id", "must be an integer")]
    [InlineData("bk_biz_id", Remove, "bk_biz_id", "is required")]
    [InlineData("name", Remove, "name", "is required")]
    [InlineData("name", "\"  \"", "name", "must not be empty")]
    [InlineData("name", "null", "name", "is required")]
    [InlineData("labels", "\"host\"", "labels", "must be an array")]
    [InlineData("labels", "[\"host\", 3]", "labels[1]", "must be a string")]
    [InlineData("is_enabled", "\"yes\"", "is_enabled", "must be a boolean")]
    [InlineData("items", "[]", "items", "must not be empty")]
    [InlineData("items[0]", "5", "items[0]", "must be an object")]
    [InlineData("detects", Remove, "detects", "is required")]
    [InlineData("items[0].time_delay", "-5", "items[0].time_delay", "must be >= 0")]
    [InlineData("items[0].algorithms[0].level", "4", "items[0].algorithms[0].level", "must be between 1 and 3")]
    [InlineData("items[0].algorithms[1].level", "0", "items[0].algorithms[1].level", "must be between 1 and 3")]
    [InlineData("items[0].algorithms[0].type", "\"Magic\"", "items[0].algorithms[0].type", "'Magic' is not one of")]
    [InlineData("items[0].algorithms[1].config", Remove, "items[0].algorithms[1].config", "is required")]
    [InlineData("items[0].algorithms[0].unit_prefix", "5", "items[0].algorithms[0].unit_prefix", "must be a string")]
    [InlineData("items[0].no_data_config.level", "5", "items[0].no_data_config.level", "must be between 1 and 3")]
    [InlineData("items[0].no_data_config.continuous", "0", "items[0].no_data_config.continuous", "must be >= 1")]
    [InlineData("items[0].target[0][0].field", "\"cluster\"", "items[0].target[0][0].field", "'cluster' is not one of")]
    [InlineData("items[0].target[0][0].method", "\"gt\"", "items[0].target[0][0].method", "'gt' is not one of")]
    [InlineData("items[0].target[0][0].value", "[]", "items[0].target[0][0].value", "must not be empty")]
    [InlineData("items[0].target[0][0].value[0]", "\"127.0.0.1\"", "items[0].target[0][0].value[0]", "must be an object")]
    [InlineData("items[0].target[0]", "{}", "items[0].target[0]", "must be an array")]
    [InlineData("items[0].query_configs", "[]", "items[0].query_configs", "must not be empty")]
    [InlineData("items[0].query_configs[0].agg_method", "\"median\"", "items[0].query_configs[0].agg_method", "'median' is not one of")]
    [InlineData("items[0].query_configs[0].agg_method", Remove, "items[0].query_configs[0].agg_method", "is required")]
    [InlineData("items[0].query_configs[0].metric_field", Remove, "items[0].query_configs[0].metric_field", "is required")]
    [InlineData("items[0].query_configs[0].agg_interval", "0", "items[0].query_configs[0].agg_interval", "must be >= 1")]
    [InlineData("items[0].query_configs[0].agg_interval", "\"60\"", "items[0].query_configs[0].agg_interval", "must be an integer")]
    [InlineData("items[0].query_configs[0].agg_interval", Remove, "items[0].query_configs[0].agg_interval", "is required")]
    [InlineData("items[0].query_configs[0].data_source_label", "\"influx\"", "items[0].query_configs[0].data_source_label", "'influx' is not one of")]
    [InlineData("items[0].query_configs[0].data_type_label", "\"metric\"", "items[0].query_configs[0].data_type_label", "'metric' is not one of")]
    [InlineData("items[0].query_configs[0].agg_dimension", "[1]", "items[0].query_configs[0].agg_dimension[0]", "must be a string")]
    [InlineData("detects[0].level", "0", "detects[0].level", "must be between 1 and 3")]
    [InlineData("detects[0].connector", "\"xor\"", "detects[0].connector", "'xor' is not one of")]
    [InlineData("detects[0].trigger_config.count", "6", "detects[0].trigger_config.count", "must be <= check_window (5)")]
    [InlineData("detects[0].trigger_config.check_window", "0", "detects[0].trigger_config.check_window", "must be >= 1")]
    [InlineData("detects[0].trigger_config.count", Remove, "detects[0].trigger_config.count", "is required")]
    [InlineData("detects[0].trigger_config", Remove, "detects[0].trigger_config", "is required")]
    [InlineData("detects[1].recovery_config.check_window", "-1", "detects[1].recovery_config.check_window", "must be >= 1")]
    [InlineData("detects[0].recovery_config.status_setter", "\"resolve\"", "detects[0].recovery_config.status_setter", "'resolve' is not one of")]
    [InlineData("detects[0].trigger_config.uptime.time_ranges[0].start", "\"7am\"", "detects[0].trigger_config.uptime.time_ranges[0].start", "not a valid time of day")]
    [InlineData("detects[0].trigger_config.uptime.calendars", "[3]", "detects[0].trigger_config.uptime.calendars", "calendar ids are not supported")]
    [InlineData("detects[1].level", "1", "detects[1].level", "duplicate detect level 1")]
    [InlineData("detects[1].level", "3", "items[0].algorithms", "detect level 3 has no algorithm")]
    [InlineData("notice.config.notify_interval", "30", "notice.config.notify_interval", "must be >= 60")]
    [InlineData("notice.config.interval_notify_mode", "\"random\"", "notice.config.interval_notify_mode", "'random' is not one of")]
    [InlineData("notice.config.template[0].signal", "\"boom\"", "notice.config.template[0].signal", "'boom' is not one of")]
    [InlineData("notice.signal", "[\"abnormal\", \"panic\"]", "notice.signal[1]", "'panic' is not one of")]
    [InlineData("notice.signal", Remove, "notice.signal", "is required")]
    [InlineData("notice.user_groups", "[\"ops\"]", "notice.user_groups[0]", "must be an integer")]
    [InlineData("notice.options.start_time", "\"25:00:00\"", "notice.options.start_time", "not a valid time of day")]
    [InlineData("notice.options.converge_config.converge_func", "\"merge\"", "notice.options.converge_config.converge_func", "'merge' is not one of")]
    [InlineData("notice.options.converge_config.condition[0].dimension", "\"host\"", "notice.options.converge_config.condition[0].dimension", "'host' is not one of")]
    [InlineData("notice.options.exclude_notice_ways", "{\"recovered\": [\"pigeon\"]}", "notice.options.exclude_notice_ways.recovered[0]", "'pigeon' is not one of")]
    [InlineData("notice.options.exclude_notice_ways", "{\"weird\": []}", "notice.options.exclude_notice_ways.weird", "unknown field")]
    [InlineData("notice.options.upgrade_config", "{\"is_enabled\": true, \"upgrade_interval\": 30}", "notice.options.upgrade_config.user_groups", "must not be empty when upgrade is enabled")]
    [InlineData("actions[0].config_id", Remove, "actions[0].config_id", "is required")]
    [InlineData("actions[0].options.skip_delay", "-1", "actions[0].options.skip_delay", "must be >= 0")]
    public void Invalid_field_is_reported_at_its_json_path(string path, string json, string expectedKey, string expectedMessage)
    {
        var result = _validator.Validate(With(path, json));

        Assert.False(result.IsValid);
        Assert.Null(result.Strategy);
        Assert.True(result.Errors.ContainsKey(expectedKey),
            $"expected an error at '{expectedKey}', got: {string.Join("; ", result.Errors.Keys)}");
        Assert.Contains(result.Errors[expectedKey], m => m.Contains(expectedMessage, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""[{"key": "device", "method": "like", "value": ["eth0"]}]""", "items[0].query_configs[0].agg_condition[0].method", "'like' is not one of")]
    [InlineData("""[{"key": "a", "method": "eq", "value": ["1"]}, {"key": "b", "method": "eq", "value": ["2"], "condition": "xor"}]""", "items[0].query_configs[0].agg_condition[1].condition", "'xor' is not one of")]
    [InlineData("""[{"key": "a", "method": "eq", "value": [{"x": 1}]}]""", "items[0].query_configs[0].agg_condition[0].value[0]", "must be a string or a number")]
    [InlineData("""[{"key": "a", "method": "eq", "value": "1"}]""", "items[0].query_configs[0].agg_condition[0].value", "must be an array")]
    [InlineData("""[{"method": "eq", "value": ["1"]}]""", "items[0].query_configs[0].agg_condition[0].key", "is required")]
    [InlineData("""[{"key": "a", "method": "eq", "value": ["1"], "dimension_name": "A"}]""", "items[0].query_configs[0].agg_condition[0].dimension_name", "unknown field")]
    public void Invalid_agg_condition_is_reported_at_its_json_path(string conditions, string expectedKey, string expectedMessage)
    {
        var result = _validator.Validate(With("items[0].query_configs[0].agg_condition", conditions));

        Assert.Contains(result.Errors[expectedKey], m => m.Contains(expectedMessage, StringComparison.Ordinal));
    }

    [Fact]
    public void Prometheus_query_needs_promql_but_no_metric_field()
    {
        var result = _validator.Validate(With("items[0].query_configs[0]",
            """{"data_source_label": "prometheus", "data_type_label": "time_series", "agg_interval": 60}"""));

        Assert.Equal(["is required"], result.Errors["items[0].query_configs[0].promql"]);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Prometheus_query_with_promql_is_valid()
    {
        var result = _validator.Validate(With("items[0].query_configs[0]",
            """{"data_source_label": "prometheus", "data_type_label": "time_series", "agg_interval": 30, "promql": "sum(up)"}"""));

        Assert.True(result.IsValid);
        Assert.Equal("sum(up)", result.Strategy!.Items[0].QueryConfigs[0].Promql);
    }

    [Theory]
    [InlineData("""{"data_source_label": "bk_log_search", "data_type_label": "log", "agg_interval": 60, "query_string": "error"}""", "index_set_id")]
    [InlineData("""{"data_source_label": "bk_fta", "data_type_label": "event", "agg_method": "COUNT"}""", "alert_name")]
    [InlineData("""{"data_source_label": "bk_monitor", "data_type_label": "alert"}""", "bkmonitor_strategy_id")]
    public void Source_specific_query_fields_are_required(string query, string field)
    {
        var result = _validator.Validate(With("items[0].query_configs[0]", query));

        Assert.Equal(["is required"], result.Errors[$"items[0].query_configs[0].{field}"]);
    }

    [Fact]
    public void Several_queries_need_an_expression()
    {
        var root = Valid();
        root["items"]![0]!["query_configs"]!.AsArray().Add(root["items"]![0]!["query_configs"]![0]!.DeepClone());

        var result = _validator.Validate(Element(root));

        Assert.Contains("is required when the item has more than one query config", result.Errors["items[0].expression"]);
    }

    [Fact]
    public void All_errors_are_reported_together()
    {
        var root = Valid();
        Edit(root, "name", Remove);
        Edit(root, "items[0].algorithms[0].level", "9");
        Edit(root, "detects[1].connector", "\"nand\"");

        var errors = _validator.Validate(Element(root)).Errors;

        Assert.Equal(["detects[1].connector", "items[0].algorithms[0].level", "name"], errors.Keys.Order().ToArray());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    public void Non_object_root_is_rejected(string json)
    {
        var result = _validator.Validate(json);

        Assert.Equal(["must be an object"], result.Errors["$"]);
    }

    [Fact]
    public void Malformed_json_is_rejected_with_the_parser_message()
    {
        var result = _validator.Validate("{\"name\": ");

        Assert.StartsWith("invalid JSON:", Assert.Single(result.Errors["$"]));
    }

    [Fact]
    public void Algorithm_config_messages_come_from_the_plugged_validator()
    {
        var validator = new StrategyValidator(new RejectingThresholds());

        var result = validator.Validate(ValidJson);

        Assert.Equal(["threshold 90 too high"], result.Errors["items[0].algorithms[0].config"]);
        Assert.False(result.Errors.ContainsKey("items[0].algorithms[1].config"));
    }

    [Fact]
    public void Known_algorithm_type_validator_accepts_every_spec_type()
    {
        var validator = new KnownAlgorithmTypeValidator();
        var config = JsonDocument.Parse("{}").RootElement;

        Assert.All(AlgorithmTypes.All, type => Assert.Empty(validator.Validate(type, config)));
        Assert.Equal(13, AlgorithmTypes.All.Count);
        Assert.Equal(["unknown algorithm type 'Magic'"], validator.Validate("Magic", config));
    }

    private sealed class RejectingThresholds : IAlgorithmConfigValidator
    {
        public IReadOnlyList<string> Validate(string type, JsonElement config) =>
            config[0][0].GetProperty("threshold").GetDouble() > 85 ? ["threshold 90 too high"] : [];
    }
}
