using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.IntegrationTests.Alerts;

/// <summary>Alert snapshots for the index tests: ids in the real <c>"{ts:0>10}{seq}"</c> shape.</summary>
internal static class AlertSnapshots
{
    public static AlertSnapshot Alert(
        long createTime, long sequence, long biz = 2, long? strategy = 1, AlertStatus status = AlertStatus.Abnormal,
        long? begin = null, long? end = null, long version = 1)
    {
        var id = $"{createTime:D10}{sequence}";
        return new AlertSnapshot
        {
            Id = id,
            DedupeMd5 = $"md5-{id}",
            BkBizId = biz,
            StrategyId = strategy,
            AlertName = $"cpu {id}",
            Severity = 2,
            Status = status,
            Dimensions = [new AlertDimension { Key = "ip", Value = "10.0.0.1", DisplayKey = "IP" }],
            BeginTime = begin ?? createTime,
            LatestTime = end ?? begin ?? createTime,
            EndTime = end,
            FirstAnomalyTime = begin ?? createTime,
            Duration = 60,
            EventCount = (int)version,
            UpdateTime = createTime + version,
            Version = version,
            Event = new AlertEvent
            {
                Id = $"event-{id}",
                EventId = $"event-{id}",
                PluginId = "fta-test",
                StrategyId = strategy,
                BkBizId = biz,
                Severity = 2,
                Status = status,
                Time = begin ?? createTime,
                DedupeMd5 = $"md5-{id}",
                Dimensions = new Dictionary<string, string> { ["ip"] = "10.0.0.1" },
            },
        };
    }
}
