using System.Text.RegularExpressions;
using BkMonitor.GrainInterfaces.Strategies;

using DetectConfig = BkMonitor.GrainInterfaces.Strategies.Detect;

namespace BkMonitor.Grains.Strategies;

public sealed partial class StrategyValidator
{
    private static DetectConfig ReadDetect(JsonObjectFields o) => new()
    {
        Id = o["id"].AsLong(min: 0),
        Level = o["level"].Required().AsInt(1, 3) ?? 0,
        Expression = o["expression"].AsString() ?? "",
        Connector = o["connector"].AsChoice(StrategyVocabulary.Connectors) ?? "and",
        TriggerConfig = ReadObject(o["trigger_config"].Required(), ReadTriggerConfig) ?? new TriggerConfig(),
        RecoveryConfig = ReadObject(o["recovery_config"].Required(), ReadRecoveryConfig) ?? new RecoveryConfig(),
    };

    private static TriggerConfig ReadTriggerConfig(JsonObjectFields o)
    {
        var count = o["count"].Required().AsInt(min: 1);
        var window = o["check_window"].Required().AsInt(min: 1);
        if (count > window) o.Error("count", $"must be <= check_window ({window})");
        return new TriggerConfig
        {
            Count = count ?? 1,
            CheckWindow = window ?? 5,
            Uptime = ReadObject(o["uptime"], ReadUptime),
        };
    }

    private static RecoveryConfig ReadRecoveryConfig(JsonObjectFields o) => new()
    {
        CheckWindow = o["check_window"].Required().AsInt(min: 1) ?? 5,
        StatusSetter = o["status_setter"].AsChoice(StrategyVocabulary.StatusSetters) ?? "recovery",
    };

    private static UptimeConfig ReadUptime(JsonObjectFields o)
    {
        var calendars = o["calendars"].AsLongList() ?? [];
        if (calendars.Count > 0)
        {
            // bk-monitor mutes a level on the days of these calendars (holidays, change freezes); without a calendar
            // service they would be stored and silently not applied, so the level would alarm on those days.
            o.Error("calendars", "calendar ids are not supported (this deployment has no calendar service); leave it empty and use time_ranges");
        }
        return new()
        {
            TimeRanges = ReadObjects(o["time_ranges"], allowEmpty: true, ReadUptimeRange),
            Calendars = calendars,
        };
    }

    private static UptimeRange ReadUptimeRange(JsonObjectFields o) => new()
    {
        Start = ReadClock(o["start"].Required(), ClockWithOptionalSeconds) ?? "00:00",
        End = ReadClock(o["end"].Required(), ClockWithOptionalSeconds) ?? "23:59",
    };

    private static string? ReadClock(JsonField field, Regex format)
    {
        var value = field.AsString();
        if (value is null || format.IsMatch(value)) return value;
        field.Error($"'{value}' is not a valid time of day");
        return null;
    }

    /// <summary>Every detect level is unique and every item has at least one algorithm on it.</summary>
    private static void CheckDetectLevels(Strategy strategy, JsonObjectFields o)
    {
        var seen = new HashSet<int>();
        for (var d = 0; d < strategy.Detects.Count; d++)
        {
            var level = strategy.Detects[d].Level;
            if (level == 0) continue;
            if (!seen.Add(level))
            {
                o.Error($"detects[{d}].level", $"duplicate detect level {level}");
                continue;
            }
            for (var i = 0; i < strategy.Items.Count; i++)
            {
                // An algorithm with an invalid level is already reported; do not cascade.
                var algorithms = strategy.Items[i].Algorithms;
                if (algorithms.All(a => a.Level != 0) && !algorithms.Any(a => a.Level == level))
                {
                    o.Error($"items[{i}].algorithms", $"detect level {level} has no algorithm");
                }
            }
        }
    }

    private static readonly Regex ClockWithOptionalSeconds =
        new(@"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$", RegexOptions.CultureInvariant);

    private static readonly Regex ClockWithSeconds =
        new(@"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$", RegexOptions.CultureInvariant);
}
