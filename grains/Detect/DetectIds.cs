using System.Globalization;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Detect;

/// <summary>The ids detect and trigger share with bk-monitor: record_id and anomaly_id.</summary>
internal static class DetectIds
{
    /// <summary><c>"{count_md5(dimensions)}.{time}"</c>.</summary>
    public static string RecordId(IReadOnlyDictionary<string, string> dimensions, long time) =>
        string.Concat(CountMd5.Of(dimensions), ".", time.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>"{record_id}.{strategy_id}.{item_id}.{level}"</c>, i.e. <c>"{dims_md5}.{ts}.{strategy_id}.{item_id}.{level}"</c>.</summary>
    public static string AnomalyId(string recordId, long strategyId, long itemId, int level) =>
        string.Create(CultureInfo.InvariantCulture, $"{recordId}.{strategyId}.{itemId}.{level}");

    /// <summary>The constant tail of every anomaly_id of one (strategy, item, level).</summary>
    public static string AnomalyIdSuffix(long strategyId, long itemId, int level) =>
        string.Create(CultureInfo.InvariantCulture, $".{strategyId}.{itemId}.{level}");
}
