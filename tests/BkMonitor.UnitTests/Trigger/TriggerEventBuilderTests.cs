using System.Text.Json;
using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Grains.Trigger;
using static BkMonitor.UnitTests.Trigger.TriggerFixture;

namespace BkMonitor.UnitTests.Trigger;

public sealed class TriggerEventBuilderTests
{
    private const long Now = T + 30;

    private static readonly TriggerEventStrategy Strategy = new(
        StrategyId: 1, BkBizId: 2, Name: "CPU usage",
        AggDimensions: new HashSet<string> { "bk_target_ip", "bk_target_cloud_id", "device" },
        Scenario: "os", Metrics: ["bk_monitor.system.cpu_summary.usage"]);

    private static TriggerEvent Fire(Dictionary<string, string>? dimensions = null, int level = 1)
    {
        var window = new TriggerWindow(
            new TriggerSettings(StrategyId, ItemId, 60, [new LevelTrigger(level, 5, 2)], LevelTrigger.ForNoData(2, 1)),
            new TriggerWindowState());
        window.Observe(Anomaly(T - 60, dimensions, level));
        var record = Anomaly(T, dimensions, level);
        return TriggerEventBuilder.Build(record, window.Observe(record)!, Strategy, Now);
    }

    [Fact]
    public void Spec_example_event_has_host_target_and_dedupe_values()
    {
        var monitorEvent = Fire();
        Assert.Equal(("HOST", "127.0.0.1|0"), (monitorEvent.TargetType, monitorEvent.Target));
        Assert.Empty(monitorEvent.DedupeKeys);
        Assert.Equal(new object?[] { 1L, "HOST", "127.0.0.1|0", 2L }, EventDedupe.Values(monitorEvent));
        Assert.Equal("41ffb8d2f741bc48e1a5c16def3e4461", EventDedupe.Md5(monitorEvent));
    }

    [Fact]
    public void Event_id_is_the_triggered_levels_anomaly_id()
    {
        var monitorEvent = Fire();
        var md5 = Md5(HostDimensions);
        Assert.Equal($"{md5}.{T}.1.2.1", monitorEvent.EventId);
        Assert.Equal([$"{md5}.{T - 60}.1.2.1", $"{md5}.{T}.1.2.1"], monitorEvent.Extra.AnomalyIds);
    }

    [Fact]
    public void Event_fields_follow_the_point_and_the_window()
    {
        var monitorEvent = Fire();
        Assert.Equal("bkmonitor", monitorEvent.PluginId);
        Assert.Equal("ABNORMAL", monitorEvent.Status);
        Assert.Equal("CPU usage", monitorEvent.AlertName);
        Assert.Equal(1, monitorEvent.Severity);
        Assert.Equal(T, monitorEvent.Time);
        Assert.Equal(T - 60, monitorEvent.AnomalyTime);
        Assert.Equal("level 1 message", monitorEvent.Description);
        Assert.Equal(95, monitorEvent.Extra.CurrentValue);
        Assert.Equal(Now, monitorEvent.BkIngestTime);
        Assert.Equal("os", monitorEvent.Category);
    }

    [Fact]
    public void Remaining_dimensions_become_tags_and_dedupe_keys()
    {
        var dimensions = new Dictionary<string, string>(HostDimensions) { ["device"] = "eth0", ["ignored"] = "x" };
        var monitorEvent = Fire(dimensions);
        Assert.Equal(["tags.device"], monitorEvent.DedupeKeys);
        Assert.Equal("eth0", Assert.Single(monitorEvent.Tags).Value);
        Assert.Equal(new object?[] { 1L, "HOST", "127.0.0.1|0", 2L, "eth0" }, EventDedupe.Values(monitorEvent));
        Assert.Equal("cd3b3941eb6c53e61f4ba18a6ce75856", EventDedupe.Md5(monitorEvent)); // count_md5 in CPython
        Assert.Equal(4, monitorEvent.Dimensions.Count); // the full data dimensions travel along
    }

    [Fact]
    public void Nodata_event_name_is_prefixed()
    {
        var dimensions = new Dictionary<string, string>(HostDimensions) { ["__NO_DATA_DIMENSION__"] = "True" };
        var monitorEvent = Fire(dimensions, level: 2);
        Assert.Equal("[无数据] CPU usage", monitorEvent.AlertName);
        Assert.Equal(["tags.__NO_DATA_DIMENSION__"], monitorEvent.DedupeKeys);
        Assert.Equal(2, monitorEvent.Severity);
    }

    [Fact]
    public void Event_serialises_with_snake_case_names()
    {
        var json = JsonSerializer.Serialize(Fire());
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("HOST", root.GetProperty("target_type").GetString());
        Assert.Equal(2, root.GetProperty("bk_biz_id").GetInt64());
        Assert.Equal(2, root.GetProperty("extra").GetProperty("anomaly_ids").GetArrayLength());
    }

    [Fact]
    public void Building_for_a_level_the_record_lacks_is_rejected()
    {
        var record = Anomaly(T);
        var decision = new TriggerDecision(3, [], T, false);
        Assert.Throws<ArgumentException>(() => TriggerEventBuilder.Build(record, decision, Strategy, Now));
    }

    [Fact]
    public void Collector_events_also_target_their_host()
    {
        var agg = TriggerEventStrategy.AggDimensionsOf([("bk_monitor", "event", ["device"]), ("custom", "time_series", ["pod"])]);
        Assert.Equal(["bk_target_cloud_id", "bk_target_ip", "device", "pod"], agg.Order());
    }
}
