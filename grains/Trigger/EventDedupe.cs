using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Trigger;

/// <summary>
/// The alert dedupe key of a strategy event: strategy_id, target_type, target, bk_biz_id, then the
/// value of each <c>tags.&lt;dim&gt;</c> key; its md5 is count_md5 of that list (order-insensitive).
/// </summary>
internal static class EventDedupe
{
    public static readonly IReadOnlyList<string> DefaultKeys = ["strategy_id", "target_type", "target", "bk_biz_id"];

    public static IReadOnlyList<object?> Values(TriggerEvent monitorEvent)
    {
        ArgumentNullException.ThrowIfNull(monitorEvent);
        var values = new List<object?>(DefaultKeys.Count + monitorEvent.DedupeKeys.Count)
        {
            monitorEvent.StrategyId, monitorEvent.TargetType, monitorEvent.Target, monitorEvent.BkBizId,
        };
        foreach (var key in monitorEvent.DedupeKeys)
        {
            values.Add(key.StartsWith("tags.", StringComparison.Ordinal) ? TagValue(monitorEvent, key[5..]) : null);
        }
        return values;
    }

    public static string Md5(TriggerEvent monitorEvent) => CountMd5.Of(Values(monitorEvent));

    /// <summary>The same md5, each value's own md5 taken through a memo (strategy id, biz and target type repeat).</summary>
    public static string Md5(TriggerEvent monitorEvent, Func<string, string> md5OfText) => CountMd5.OfScalarList(Values(monitorEvent), md5OfText);

    private static string? TagValue(TriggerEvent monitorEvent, string key)
    {
        foreach (var tag in monitorEvent.Tags)
        {
            if (tag.Key == key) return tag.Value;
        }
        return null;
    }
}
