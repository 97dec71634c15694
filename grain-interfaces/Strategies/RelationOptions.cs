using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>Options shared by notice and action relations: converge, upgrade, time of day, delay.</summary>
public sealed record RelationOptions
{
    [JsonPropertyName("converge_config")] public ConvergeConfig? ConvergeConfig { get; init; }
    [JsonPropertyName("upgrade_config")] public UpgradeConfig UpgradeConfig { get; init; } = new();

    /// <summary>Signal → notice ways not used for that signal.</summary>
    [JsonPropertyName("exclude_notice_ways")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExcludeNoticeWays { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary><c>HH:MM:SS</c>, local time of the business.</summary>
    [JsonPropertyName("start_time")] public string StartTime { get; init; } = "00:00:00";
    [JsonPropertyName("end_time")] public string EndTime { get; init; } = "23:59:59";

    /// <summary>Seconds after the alert began beyond which abnormal actions are skipped; 0 = never.</summary>
    [JsonPropertyName("skip_delay")] public int SkipDelay { get; init; }
}

/// <summary>Converge (defence) rule: how matching actions within a time window are merged or skipped.</summary>
public sealed record ConvergeConfig
{
    [JsonPropertyName("is_enabled")] public bool IsEnabled { get; init; } = true;
    [JsonPropertyName("converge_func")] public string ConvergeFunc { get; init; } = "skip_when_success";
    [JsonPropertyName("timedelta")] public int Timedelta { get; init; } = 60;
    [JsonPropertyName("count")] public int Count { get; init; } = 1;
    [JsonPropertyName("condition")] public IReadOnlyList<ConvergeCondition> Condition { get; init; } = [];
    [JsonPropertyName("need_biz_converge")] public bool NeedBizConverge { get; init; }
}

/// <summary>One converge dimension, usually with value <c>["self"]</c>.</summary>
public sealed record ConvergeCondition
{
    [JsonPropertyName("dimension")] public string Dimension { get; init; } = "";
    [JsonPropertyName("value")] public IReadOnlyList<string> Value { get; init; } = [];
}

/// <summary>Notice upgrade: after <c>upgrade_interval</c> minutes notify the extra user groups.</summary>
public sealed record UpgradeConfig
{
    [JsonPropertyName("is_enabled")] public bool IsEnabled { get; init; }

    /// <summary>Minutes.</summary>
    [JsonPropertyName("upgrade_interval")] public int UpgradeInterval { get; init; } = 1440;
    [JsonPropertyName("user_groups")] public IReadOnlyList<long> UserGroups { get; init; } = [];
}
