using System.Text.Json;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Alerts;

public sealed class AlertJsonTests
{
    [Fact]
    public void Snapshot_serializes_with_api_field_names_and_upper_case_status()
    {
        var alert = Machine(out _).Apply(Event(), Now).Changed[0];
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(alert.ToSnapshot()));
        var root = doc.RootElement;
        Assert.Equal("ABNORMAL", root.GetProperty("status").GetString());
        Assert.Equal(alert.DedupeMd5, root.GetProperty("dedupe_md5").GetString());
        Assert.Equal(60, root.GetProperty("duration").GetInt64());
        Assert.False(root.GetProperty("is_blocked").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("end_time").ValueKind);
        Assert.Equal("tags.device", root.GetProperty("dimensions")[0].GetProperty("key").GetString());
        var ev = root.GetProperty("event");
        Assert.Equal("bkmonitor", ev.GetProperty("plugin_id").GetString());
        Assert.Equal("HOST", ev.GetProperty("target_type").GetString());
        Assert.Equal("eth0", ev.GetProperty("tags")[0].GetProperty("value").GetString());
    }

    [Fact]
    public void Alert_state_round_trips_through_json_with_its_signal_bookkeeping()
    {
        var machine = Machine(out _);
        machine.Apply(Event(), Now);
        machine.Ack("mine", Now);
        machine.Current!.OriginStrategy = AlertCloseCheckTests.Facts();
        var json = JsonSerializer.Serialize(machine.Current);
        Assert.Contains("\"abnormal\"", json, StringComparison.Ordinal);

        var restored = JsonSerializer.Deserialize<AlertRecord>(json)!;
        Assert.Equal([AlertSignal.Abnormal, AlertSignal.Ack], restored.EmittedSignals);
        Assert.Equal(machine.Current!.TopEvent.Id, restored.TopEvent.Id);
        Assert.Equal(machine.Current.TopEvent.Tags, restored.TopEvent.Tags);
        Assert.Equal(machine.Current.Dimensions, restored.Dimensions);
        Assert.Equal(new LevelTriggerConfig(3, 2), restored.OriginStrategy!.Triggers[2]);
        Assert.Equal(["bk_target_ip", "bk_target_cloud_id", "device"], restored.OriginStrategy.AggDimensions[0]);
        Assert.Empty(new AlertStateMachine(new CountingSequence(), new QosCounter(), restored).Ack("again", Now).Signals);
    }

    [Fact]
    public void Raw_event_accepts_severity_as_number_or_string()
    {
        var raw = JsonSerializer.Deserialize<RawAlertEvent>("""
            {"plugin_id":"alertmanager","event_id":"fp1","bk_biz_id":2,"alert_name":"disk","severity":"1","status":"firing","time":1700000000,
             "tags":[{"key":"instance","value":"node-1:9100"}],"dedupe_keys":["tags.instance"]}
            """)!;
        var ev = EventCleaner.Clean(raw);
        Assert.Equal((1, AlertStatus.Abnormal), (ev.Severity, ev.Status));
        Assert.Equal(["alert_name", "target_type", "target", "bk_biz_id", "tags.instance"], ev.DedupeKeys);
    }
}
