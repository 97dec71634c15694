using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>Per-level detect rule: how algorithms combine, when a level triggers and when it recovers.</summary>
public sealed record Detect
{
    [JsonPropertyName("id")] public long? Id { get; init; }
    [JsonPropertyName("level")] public int Level { get; init; }
    [JsonPropertyName("expression")] public string Expression { get; init; } = "";

    /// <summary>and | or: how the level's algorithms combine.</summary>
    [JsonPropertyName("connector")] public string Connector { get; init; } = "and";
    [JsonPropertyName("trigger_config")] public TriggerConfig TriggerConfig { get; init; } = new();
    [JsonPropertyName("recovery_config")] public RecoveryConfig RecoveryConfig { get; init; } = new();
}

/// <summary>Trigger when <c>count</c> anomalies fall within <c>check_window</c> periods.</summary>
public sealed record TriggerConfig
{
    [JsonPropertyName("count")] public int Count { get; init; } = 1;
    [JsonPropertyName("check_window")] public int CheckWindow { get; init; } = 5;
    [JsonPropertyName("uptime")] public UptimeConfig? Uptime { get; init; }
}

/// <summary>Recover after <c>check_window</c> clean periods, moving the alert to <c>status_setter</c>.</summary>
public sealed record RecoveryConfig
{
    [JsonPropertyName("check_window")] public int CheckWindow { get; init; } = 5;

    /// <summary>recovery | close | recovery-nodata.</summary>
    [JsonPropertyName("status_setter")] public string StatusSetter { get; init; } = "recovery";
}

/// <summary>When the strategy is in effect: daily time ranges and excluded calendars.</summary>
public sealed record UptimeConfig
{
    [JsonPropertyName("time_ranges")] public IReadOnlyList<UptimeRange> TimeRanges { get; init; } = [];
    [JsonPropertyName("calendars")] public IReadOnlyList<long> Calendars { get; init; } = [];
}

/// <summary>A daily <c>HH:MM</c> range; start after end crosses midnight.</summary>
public sealed record UptimeRange
{
    [JsonPropertyName("start")] public string Start { get; init; } = "00:00";
    [JsonPropertyName("end")] public string End { get; init; } = "23:59";
}
