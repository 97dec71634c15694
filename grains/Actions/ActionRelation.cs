using System.Text.Json.Serialization;
using BkMonitor.Grains.Converge;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// A strategy's notice or action relation (ALARM-SPEC §1): which action config runs for which
/// signals and user groups, with its options and (for notices) its notice config.
/// </summary>
internal sealed record ActionRelation
{
    [JsonPropertyName("id")]
    public int Id { get; init; }

    [JsonPropertyName("config_id")]
    public int ConfigId { get; init; }

    [JsonPropertyName("user_groups")]
    public IReadOnlyList<int> UserGroups { get; init; } = [];

    [JsonPropertyName("signal")]
    public IReadOnlyList<string> Signal { get; init; } = [];

    [JsonPropertyName("options")]
    public ActionRelationOptions Options { get; init; } = new();

    /// <summary>Present on the notice relation.</summary>
    [JsonPropertyName("config")]
    public NoticeConfig? Config { get; init; }
}

/// <summary>A relation's <c>options</c>.</summary>
internal sealed record ActionRelationOptions
{
    [JsonPropertyName("converge_config")]
    public ConvergeConfig? ConvergeConfig { get; init; }

    [JsonPropertyName("upgrade_config")]
    public UpgradeConfig? UpgradeConfig { get; init; }

    /// <summary>Signal → notice ways not used for that signal.</summary>
    [JsonPropertyName("exclude_notice_ways")]
    public Dictionary<string, List<string>> ExcludeNoticeWays { get; init; } = [];

    [JsonPropertyName("start_time")]
    public string StartTime { get; init; } = NoticeTimeWindow.DefaultStart;

    [JsonPropertyName("end_time")]
    public string EndTime { get; init; } = NoticeTimeWindow.DefaultEnd;

    /// <summary>Seconds; 0 disables. Abnormal actions are skipped once the alert is older than this.</summary>
    [JsonPropertyName("skip_delay")]
    public int SkipDelay { get; init; }
}

/// <summary>The notice relation's <c>config</c>.</summary>
internal sealed record NoticeConfig
{
    public const int DefaultNotifyInterval = 3600;

    [JsonPropertyName("need_poll")]
    public bool NeedPoll { get; init; } = true;

    /// <summary>Seconds between repeat notices (≥ 60).</summary>
    [JsonPropertyName("notify_interval")]
    public int NotifyInterval { get; init; } = DefaultNotifyInterval;

    /// <summary><c>standard</c> or <c>increasing</c>.</summary>
    [JsonPropertyName("interval_notify_mode")]
    public string IntervalNotifyMode { get; init; } = RepeatNoticePolicy.Standard;

    [JsonPropertyName("template")]
    public IReadOnlyList<NoticeTemplate> Template { get; init; } = [];
}

/// <summary>A custom notice template for one signal.</summary>
internal sealed record NoticeTemplate
{
    [JsonPropertyName("signal")]
    public string Signal { get; init; } = "";

    [JsonPropertyName("title_tmpl")]
    public string? TitleTmpl { get; init; }

    [JsonPropertyName("message_tmpl")]
    public string? MessageTmpl { get; init; }
}

/// <summary>The notice relation's <c>upgrade_config</c>.</summary>
internal sealed record UpgradeConfig
{
    [JsonPropertyName("is_enabled")]
    public bool IsEnabled { get; init; }

    /// <summary>Minutes.</summary>
    [JsonPropertyName("upgrade_interval")]
    public int UpgradeInterval { get; init; } = 1440;

    [JsonPropertyName("user_groups")]
    public IReadOnlyList<int> UserGroups { get; init; } = [];
}
