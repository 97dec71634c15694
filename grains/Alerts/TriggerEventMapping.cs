using System.Text.Json;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Trigger;

namespace BkMonitor.Grains.Alerts;

/// <summary>A trigger event as the raw event the alert builder cleans (the fields keep bk-monitor's names).</summary>
internal static class TriggerEventMapping
{
    public static RawAlertEvent ToRaw(TriggerEvent monitorEvent)
    {
        ArgumentNullException.ThrowIfNull(monitorEvent);
        var tags = new List<AlertTag>(monitorEvent.Tags.Count);
        foreach (var tag in monitorEvent.Tags) tags.Add(new AlertTag { Key = tag.Key, Value = tag.Value });
        return new RawAlertEvent
        {
            EventId = monitorEvent.EventId,
            PluginId = monitorEvent.PluginId,
            StrategyId = monitorEvent.StrategyId,
            BkBizId = monitorEvent.BkBizId,
            AlertName = monitorEvent.AlertName,
            Severity = JsonSerializer.SerializeToElement(monitorEvent.Severity),
            Status = monitorEvent.Status,
            Time = monitorEvent.Time,
            BkIngestTime = monitorEvent.BkIngestTime,
            AnomalyTime = monitorEvent.AnomalyTime,
            TargetType = monitorEvent.TargetType,
            Target = monitorEvent.Target,
            Dimensions = monitorEvent.Dimensions,
            Tags = tags,
            DedupeKeys = monitorEvent.DedupeKeys,
            Description = monitorEvent.Description,
            Extra = JsonSerializer.SerializeToElement(monitorEvent.Extra),
        };
    }
}
