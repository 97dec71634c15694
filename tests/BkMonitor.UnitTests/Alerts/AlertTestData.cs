using System.Text.Json;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;

namespace BkMonitor.UnitTests.Alerts;

internal static class AlertTestData
{
    public const long Now = 1_700_000_000;

    public static AlertEvent Event(
        int severity = 2,
        string status = "ABNORMAL",
        long time = Now - 120,
        long? anomalyTime = null,
        string eventId = "d41d8cd98f00b204e9800998ecf8427e.1699999880.1.1.2",
        string device = "eth0",
        bool noData = false)
    {
        var tags = new List<AlertTag> { new() { Key = "device", Value = device } };
        var keys = new List<string> { "tags.device" };
        if (noData)
        {
            tags.Add(new AlertTag { Key = "__NO_DATA_DIMENSION__", Value = "True" });
            keys.Add("tags.__NO_DATA_DIMENSION__");
        }
        return EventCleaner.Clean(new RawAlertEvent
        {
            PluginId = "bkmonitor",
            EventId = eventId,
            StrategyId = 1,
            BkBizId = 2,
            AlertName = "cpu usage",
            Severity = JsonSerializer.SerializeToElement(severity),
            Status = status,
            Time = time,
            AnomalyTime = anomalyTime ?? time,
            TargetType = "HOST",
            Target = "127.0.0.1|0",
            Dimensions = new Dictionary<string, string> { ["bk_target_ip"] = "127.0.0.1", ["bk_target_cloud_id"] = "0", ["device"] = device },
            Tags = tags,
            DedupeKeys = keys,
            Description = $"event {eventId}",
        });
    }

    public static AlertStateMachine Machine(out CountingSequence sequence, IAlertQos? qos = null, AlertRecord? current = null)
    {
        sequence = new CountingSequence();
        return new AlertStateMachine(sequence, qos ?? new QosCounter(), current);
    }
}

internal sealed class CountingSequence : IAlertIdSequence
{
    public long Value { get; set; }

    public long Next() => ++Value;
}

/// <summary>An in-memory detect bookkeeping for one strategy, recording the last query range.</summary>
internal sealed class FakeDetectResults : IDetectResultSource
{
    public long? Checkpoint { get; set; }
    public List<CheckResultPoint> Points { get; } = [];
    public bool NoDataOngoing { get; set; } = true;
    public (long From, long To)? LastQuery { get; private set; }

    public long? LastCheckpoint(long strategyId, long itemId, string dimensionsMd5, int level) => Checkpoint;

    public IReadOnlyList<CheckResultPoint> CheckResults(long strategyId, long itemId, string dimensionsMd5, int level, long from, long to)
    {
        LastQuery = (from, to);
        return Points.Where(p => p.Time >= from && p.Time <= to).OrderBy(p => p.Time).ToList();
    }

    public bool IsNoDataOngoing(long strategyId, long itemId, string dimensionsMd5) => NoDataOngoing;

    public FakeDetectResults Normal(params long[] times)
    {
        foreach (var t in times) Points.Add(new CheckResultPoint(t, false));
        return this;
    }

    public FakeDetectResults Anomalies(params long[] times)
    {
        foreach (var t in times) Points.Add(new CheckResultPoint(t, true));
        return this;
    }
}
