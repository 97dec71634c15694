using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// Normalises a raw event the way bk-monitor's Event.clean does: severity clamped to 1..3, unknown
/// status becomes ABNORMAL, default dedupe keys prepended, event id and dedupe_md5 derived.
/// </summary>
internal static class EventCleaner
{
    public const int DefaultSeverity = 3;
    public const long ExpiredSeconds = 24 * 60 * 60;
    public const string NoDataTagKey = "__NO_DATA_DIMENSION__";

    /// <summary>bk-monitor's DEFAULT_DEDUPE_FIELDS; strategy events drop alert_name, others drop strategy_id.</summary>
    public static readonly IReadOnlyList<string> DefaultDedupeFields =
        ["alert_name", "strategy_id", "target_type", "target", "bk_biz_id"];

    private static readonly string[] BuiltinTargetTypes = ["HOST", "SERVICE", "TOPO"];

    public static AlertEvent Clean(RawAlertEvent raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (string.IsNullOrEmpty(raw.PluginId)) throw new ArgumentException("plugin_id is required", nameof(raw));
        if (string.IsNullOrEmpty(raw.EventId)) throw new ArgumentException("event_id is required", nameof(raw));
        var time = raw.Time ?? raw.BkIngestTime
            ?? throw new ArgumentException("time (or bk_ingest_time) is required", nameof(raw));
        if (raw.Extra is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) } extra)
        {
            throw new ArgumentException($"extra must be a JSON object, not {extra.ValueKind}", nameof(raw));
        }

        var status = CleanStatus(raw.Status);
        var cleaned = new AlertEvent
        {
            Id = CountMd5.Of(new object?[] { raw.PluginId, raw.EventId, StatusName(status), time }),
            EventId = raw.EventId,
            PluginId = raw.PluginId,
            StrategyId = raw.StrategyId,
            BkBizId = raw.BkBizId,
            AlertName = raw.AlertName ?? "",
            Severity = CleanSeverity(raw.Severity),
            Status = status,
            Time = time,
            AnomalyTime = raw.AnomalyTime ?? time,
            TargetType = CleanTargetType(raw.TargetType),
            Target = raw.Target,
            Dimensions = raw.Dimensions ?? new Dictionary<string, string>(),
            Tags = raw.Tags ?? [],
            DedupeKeys = CleanDedupeKeys(raw.StrategyId, raw.DedupeKeys),
            DedupeMd5 = "",
            Description = raw.Description ?? "",
            Extra = raw.Extra is { ValueKind: JsonValueKind.Object } ? raw.Extra : null,
        };
        return cleaned with { DedupeMd5 = CountMd5.Of(DedupeValues(cleaned)) };
    }

    /// <summary>
    /// Events older than a day are only recorded, never built into alerts; an event older than the
    /// dedupe key's last alert end (minus a minute of slack) is stale too.
    /// </summary>
    public static bool IsExpired(AlertEvent ev, long now, long? lastAlertEndTime = null)
    {
        var expireTime = now - ExpiredSeconds;
        if (lastAlertEndTime is { } end) expireTime = Math.Max(end - 60, expireTime);
        return ev.Time < expireTime;
    }

    public static string StatusName(AlertStatus status) => status switch
    {
        AlertStatus.Recovered => "RECOVERED",
        AlertStatus.Closed => "CLOSED",
        _ => "ABNORMAL",
    };

    public static bool IsNoData(AlertEvent ev)
    {
        foreach (var tag in ev.Tags)
        {
            if (tag.Key == NoDataTagKey) return true;
        }
        return false;
    }

    /// <summary>Values of each dedupe key; <c>tags.x</c> reads tag x's value, a missing field is None.</summary>
    public static List<object?> DedupeValues(AlertEvent ev)
    {
        var values = new List<object?>(ev.DedupeKeys.Count);
        foreach (var key in ev.DedupeKeys) values.Add(FieldValue(ev, key));
        return values;
    }

    public static object? FieldValue(AlertEvent ev, string key)
    {
        if (key.StartsWith("tags.", StringComparison.Ordinal)) return TagValue(ev, key[5..]);
        return key switch
        {
            "strategy_id" => ev.StrategyId,
            "bk_biz_id" => ev.BkBizId,
            "alert_name" => ev.AlertName,
            "target_type" => ev.TargetType,
            "target" => ev.Target,
            "event_id" => ev.EventId,
            "plugin_id" => ev.PluginId,
            "severity" => ev.Severity,
            "status" => StatusName(ev.Status),
            "description" => ev.Description,
            _ => null,
        };
    }

    public static AlertTag? FindTag(AlertEvent ev, string key)
    {
        foreach (var tag in ev.Tags)
        {
            if (tag.Key == key) return tag;
        }
        return null;
    }

    private static string? TagValue(AlertEvent ev, string key) => FindTag(ev, key)?.Value;

    private static AlertStatus CleanStatus(string? status) => status?.ToUpperInvariant() switch
    {
        "RECOVERED" => AlertStatus.Recovered,
        "CLOSED" => AlertStatus.Closed,
        _ => AlertStatus.Abnormal,
    };

    // Python int(severity): numbers truncate, numeric strings parse, anything else falls back to 3.
    private static int CleanSeverity(JsonElement? severity)
    {
        if (severity is not { } e) return DefaultSeverity;
        long value;
        switch (e.ValueKind)
        {
            case JsonValueKind.Number when e.TryGetInt64(out var l):
                value = l;
                break;
            case JsonValueKind.Number:
                value = (long)Math.Truncate(e.GetDouble());
                break;
            case JsonValueKind.String when long.TryParse(e.GetString()?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                value = parsed;
                break;
            case JsonValueKind.True:
                value = 1;
                break;
            case JsonValueKind.False:
                value = 0;
                break;
            default:
                return DefaultSeverity;
        }
        return (int)Math.Clamp(value, 1, 3);
    }

    private static string CleanTargetType(string? targetType)
    {
        if (string.IsNullOrEmpty(targetType)) return "";
        var upper = targetType.ToUpperInvariant();
        return Array.IndexOf(BuiltinTargetTypes, upper) >= 0 ? upper : targetType;
    }

    // The events of one strategy repeat the same few key lists: each distinct list is kept once and shared by all
    // their alerts (bounded, so a source sending ever new keys only stops being shared).
    private const int SharedKeyListCapacity = 10_000;
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> SharedKeyLists = new(StringComparer.Ordinal);

    private static IReadOnlyList<string> CleanDedupeKeys(long? strategyId, IReadOnlyList<string>? eventKeys)
    {
        var keys = BuildDedupeKeys(strategyId, eventKeys);
        var id = string.Join('\u001f', keys);
        if (SharedKeyLists.TryGetValue(id, out var shared)) return shared;
        IReadOnlyList<string> list = keys.ToArray();
        return SharedKeyLists.Count < SharedKeyListCapacity ? SharedKeyLists.GetOrAdd(id, list) : list;
    }

    private static List<string> BuildDedupeKeys(long? strategyId, IReadOnlyList<string>? eventKeys)
    {
        var keys = new List<string>(DefaultDedupeFields.Count + (eventKeys?.Count ?? 0));
        var dropped = strategyId is null or 0 ? "strategy_id" : "alert_name";
        foreach (var field in DefaultDedupeFields)
        {
            if (field != dropped) keys.Add(field);
        }
        if (eventKeys is null) return keys;
        foreach (var key in eventKeys)
        {
            if (!keys.Contains(key)) keys.Add(key);
        }
        return keys;
    }
}
