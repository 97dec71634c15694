using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Trigger;

namespace BkMonitor.Grains.Trigger;

/// <summary>Turns a triggered anomaly into the abnormal event sent to the alert stage (bk-monitor's MonitorEventAdapter).</summary>
internal static class TriggerEventBuilder
{
    private const string NoDataPrefix = "[无数据] ";

    public static TriggerEvent Build(AnomalyRecord record, TriggerDecision decision, TriggerEventStrategy strategy, long now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(strategy);
        if (!record.Anomaly.TryGetValue(decision.Level, out var anomaly))
        {
            throw new ArgumentException($"record {record.Data.RecordId} has no anomaly at the triggered level {decision.Level}", nameof(decision));
        }

        var data = record.Data;
        var target = EventTargetExtractor.Extract(data.Dimensions, strategy.AggDimensions);
        var tags = new EventTag[target.Tags.Count];
        var dedupeKeys = new string[target.Tags.Count];
        for (var i = 0; i < tags.Length; i++)
        {
            var (key, value) = target.Tags[i];
            tags[i] = new EventTag { Key = key, Value = value };
            dedupeKeys[i] = "tags." + key;
        }
        var noData = target.Tags.Any(t => t.Key == TriggerWindow.NoDataDimension);

        return new TriggerEvent
        {
            EventId = anomaly.AnomalyId,
            StrategyId = strategy.StrategyId,
            BkBizId = strategy.BkBizId,
            AlertName = noData ? NoDataPrefix + strategy.Name : strategy.Name,
            Description = anomaly.AnomalyMessage,
            Severity = decision.Level,
            Time = data.Time,
            AnomalyTime = decision.FirstAnomalyTime,
            TargetType = target.Type,
            Target = target.Target,
            Dimensions = data.Dimensions,
            Tags = tags,
            DedupeKeys = dedupeKeys,
            Metric = strategy.Metrics ?? [],
            Category = strategy.Scenario,
            DataType = strategy.DataTypeLabel,
            BkIngestTime = now,
            BkCleanTime = now,
            Extra = new TriggerEventExtra
            {
                ItemId = record.ItemId,
                RecordId = data.RecordId,
                Level = decision.Level,
                AnomalyIds = decision.AnomalyIds,
                CurrentValue = data.Value,
                Values = data.Values,
            },
        };
    }
}
