using System.Text.Json;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;

namespace BkMonitor.UnitTests.Alerts;

// Expected md5s computed with bk-monitor's count_md5 in CPython.
public sealed class EventCleanerTests
{
    private static RawAlertEvent Raw(object? severity = null, string? status = null) => new()
    {
        PluginId = "bkmonitor",
        EventId = "abc.1700000000.1.1.1",
        StrategyId = 1,
        BkBizId = 2,
        Severity = severity is null ? null : JsonSerializer.SerializeToElement(severity),
        Status = status,
        Time = 1_700_000_000,
        TargetType = "HOST",
        Target = "127.0.0.1|0",
    };

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-4, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(9, 3)]
    [InlineData(2.7, 2)]
    [InlineData("2", 2)]
    [InlineData("fatal", 3)]
    public void Severity_is_clamped_to_1_through_3(object severity, int expected)
        => Assert.Equal(expected, EventCleaner.Clean(Raw(severity)).Severity);

    [Fact]
    public void Missing_severity_defaults_to_remind()
        => Assert.Equal(3, EventCleaner.Clean(Raw()).Severity);

    [Theory]
    [InlineData(null, AlertStatus.Abnormal)]
    [InlineData("ABNORMAL", AlertStatus.Abnormal)]
    [InlineData("recovered", AlertStatus.Recovered)]
    [InlineData("CLOSED", AlertStatus.Closed)]
    [InlineData("firing", AlertStatus.Abnormal)]
    public void Status_outside_the_three_known_becomes_abnormal(string? status, AlertStatus expected)
        => Assert.Equal(expected, EventCleaner.Clean(Raw(status: status)).Status);

    [Fact]
    public void Event_id_is_count_md5_of_plugin_event_status_and_time()
    {
        Assert.Equal("e11fb280b842a5a4067df930fd98ea78", EventCleaner.Clean(Raw()).Id);
        Assert.Equal("25d34ea206beec0d3f4de8daa52ac68d", EventCleaner.Clean(Raw(status: "RECOVERED")).Id);
    }

    [Fact]
    public void Strategy_event_dedupes_on_strategy_target_and_business_as_in_the_spec_example()
    {
        var ev = EventCleaner.Clean(Raw());
        Assert.Equal(["strategy_id", "target_type", "target", "bk_biz_id"], ev.DedupeKeys);
        Assert.Equal("41ffb8d2f741bc48e1a5c16def3e4461", ev.DedupeMd5);
    }

    [Fact]
    public void Tag_dedupe_keys_resolve_to_the_tag_value()
    {
        var ev = EventCleaner.Clean(Raw() with
        {
            Tags = [new AlertTag { Key = "device", Value = "eth0" }],
            DedupeKeys = ["tags.device", "strategy_id"],
        });
        Assert.Equal(["strategy_id", "target_type", "target", "bk_biz_id", "tags.device"], ev.DedupeKeys);
        Assert.Equal("cd3b3941eb6c53e61f4ba18a6ce75856", ev.DedupeMd5);
    }

    [Fact]
    public void Event_without_strategy_dedupes_on_alert_name_and_missing_fields_hash_as_none()
    {
        var ev = EventCleaner.Clean(new RawAlertEvent
        {
            PluginId = "alertmanager",
            EventId = "x",
            BkBizId = 2,
            AlertName = "disk full",
            Time = 1_700_000_000,
        });
        Assert.Equal(["alert_name", "target_type", "target", "bk_biz_id"], ev.DedupeKeys);
        Assert.Equal("", ev.TargetType);
        Assert.Equal("2ed47d26f5464e71bcc792d6e161eda7", ev.DedupeMd5);
    }

    [Theory]
    [InlineData("host", "HOST")]
    [InlineData("Service", "SERVICE")]
    [InlineData("k8s", "k8s")]
    public void Builtin_target_types_are_upper_cased_and_others_kept(string given, string expected)
        => Assert.Equal(expected, EventCleaner.Clean(Raw() with { TargetType = given }).TargetType);

    [Fact]
    public void Time_falls_back_to_ingest_time_and_anomaly_time_to_time()
    {
        var ev = EventCleaner.Clean(Raw() with { Time = null, BkIngestTime = 1_700_000_100 });
        Assert.Equal(1_700_000_100, ev.Time);
        Assert.Equal(1_700_000_100, ev.AnomalyTime);
    }

    [Fact]
    public void Event_without_any_time_is_rejected_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => EventCleaner.Clean(Raw() with { Time = null }));
        Assert.Contains("time", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => EventCleaner.Clean(Raw() with { PluginId = "" }));
    }

    [Fact]
    public void Events_with_the_same_dedupe_keys_share_one_key_list()
    {
        var first = EventCleaner.Clean(Raw() with { DedupeKeys = ["tags.host"] });
        var second = EventCleaner.Clean(Raw() with { DedupeKeys = ["tags.host"], EventId = "other" });
        var other = EventCleaner.Clean(Raw() with { DedupeKeys = ["tags.mount"] });

        Assert.Same(first.DedupeKeys, second.DedupeKeys);
        Assert.Equal("tags.mount", other.DedupeKeys[^1]);
        Assert.NotSame(first.DedupeKeys, other.DedupeKeys);
    }

    [Fact]
    public void Extra_must_be_an_object_and_is_kept_as_given()
    {
        var error = Assert.Throws<ArgumentException>(() => EventCleaner.Clean(Raw() with { Extra = JsonSerializer.SerializeToElement(new[] { 1 }) }));
        Assert.Contains("extra must be a JSON object", error.Message, StringComparison.Ordinal);

        var extra = JsonSerializer.SerializeToElement(new { current_value = 95.5 });
        Assert.Equal(95.5, EventCleaner.Clean(Raw() with { Extra = extra }).Extra!.Value.GetProperty("current_value").GetDouble());
        Assert.Null(EventCleaner.Clean(Raw() with { Extra = JsonSerializer.SerializeToElement<object?>(null) }).Extra);
    }

    [Fact]
    public void Events_older_than_one_day_are_expired()
    {
        var ev = EventCleaner.Clean(Raw());
        Assert.False(EventCleaner.IsExpired(ev, ev.Time + 86_400));
        Assert.True(EventCleaner.IsExpired(ev, ev.Time + 86_401));
    }

    [Fact]
    public void Events_before_the_previous_alert_end_minus_a_minute_are_expired()
    {
        var ev = EventCleaner.Clean(Raw());
        Assert.False(EventCleaner.IsExpired(ev, ev.Time + 100, lastAlertEndTime: ev.Time + 60));
        Assert.True(EventCleaner.IsExpired(ev, ev.Time + 100, lastAlertEndTime: ev.Time + 61));
    }
}
