using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.UnitTests.Trigger;

/// <summary>Anomaly records of strategy 1 item 2 for one host series.</summary>
internal static class TriggerFixture
{
    public const long StrategyId = 1;
    public const long ItemId = 2;
    public const long T = 1_700_000_040;

    public static readonly Dictionary<string, string> HostDimensions = new()
    {
        ["bk_target_ip"] = "127.0.0.1",
        ["bk_target_cloud_id"] = "0",
    };

    public static string Md5(IReadOnlyDictionary<string, string> dimensions) => CountMd5.Of(dimensions);

    public static AnomalyRecord Anomaly(long time, IReadOnlyDictionary<string, string>? dimensions = null, params int[] levels)
    {
        dimensions ??= HostDimensions;
        var md5 = Md5(dimensions);
        if (levels.Length == 0) levels = [1];
        return new AnomalyRecord
        {
            StrategyId = StrategyId,
            ItemId = ItemId,
            Data = new DataPointRecord { RecordId = $"{md5}.{time}", Value = 95, Dimensions = dimensions, Time = time },
            Anomaly = levels.ToDictionary(level => level, level => new AnomalyInfo
            {
                AnomalyMessage = $"level {level} message",
                AnomalyId = $"{md5}.{time}.{StrategyId}.{ItemId}.{level}",
                AnomalyTime = time + 5,
            }),
        };
    }
}
