using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>The strategy's notice: which signals notify which user groups, and how.</summary>
public sealed record NoticeRelation
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("config_id")] public long ConfigId { get; init; }
    [JsonPropertyName("user_groups")] public IReadOnlyList<long> UserGroups { get; init; } = [];

    /// <summary>Signals; <c>no_data</c> is present exactly when <c>abnormal</c> is.</summary>
    [JsonPropertyName("signal")] public IReadOnlyList<string> Signal { get; init; } = [];
    [JsonPropertyName("options")] public RelationOptions Options { get; init; } = new();
    [JsonPropertyName("config")] public NoticeConfig Config { get; init; } = new();
}

/// <summary>Repeat-notice and template settings of a notice.</summary>
public sealed record NoticeConfig
{
    [JsonPropertyName("need_poll")] public bool NeedPoll { get; init; } = true;

    /// <summary>Seconds between repeated notices, at least 60.</summary>
    [JsonPropertyName("notify_interval")] public int NotifyInterval { get; init; } = 3600;

    /// <summary>standard | increasing.</summary>
    [JsonPropertyName("interval_notify_mode")] public string IntervalNotifyMode { get; init; } = "standard";
    [JsonPropertyName("template")] public IReadOnlyList<NoticeTemplate> Template { get; init; } = [];
}

/// <summary>Title and message template for one signal.</summary>
public sealed record NoticeTemplate
{
    [JsonPropertyName("signal")] public string Signal { get; init; } = "";
    [JsonPropertyName("title_tmpl")] public string TitleTmpl { get; init; } = "";
    [JsonPropertyName("message_tmpl")] public string MessageTmpl { get; init; } = "";
}
