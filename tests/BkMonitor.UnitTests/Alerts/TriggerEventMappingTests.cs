using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Grains.Alerts;

namespace BkMonitor.UnitTests.Alerts;

public sealed class TriggerEventMappingTests
{
    [Fact]
    public void Raw_extra_keeps_every_trigger_extra_field_readable_after_the_event_is_gone()
    {
        var raw = TriggerEventMapping.ToRaw(new TriggerEvent
        {
            EventId = "e1",
            AlertName = "cpu high",
            Extra = new TriggerEventExtra { ItemId = 7, RecordId = "md5.1700000040", Level = 2, AnomalyIds = ["a1", "a2"], CurrentValue = 97.5 },
        });
        GC.Collect();

        var extra = raw.Extra!;
        Assert.Equal(7, extra["item_id"].GetInt64());
        Assert.Equal("md5.1700000040", extra["record_id"].GetString());
        Assert.Equal(2, extra["level"].GetInt32());
        Assert.Equal(["a1", "a2"], extra["anomaly_ids"].EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(97.5, extra["current_value"].GetDouble());
    }
}
