using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>A user group (bk-monitor "告警组"): who is notified, and how, per alert level.</summary>
public sealed record UserGroup
{
    [JsonPropertyName("id")]
    public int Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("bk_biz_id")]
    public int BkBizId { get; init; }

    [JsonPropertyName("users")]
    public List<string> Users { get; init; } = [];

    /// <summary>Alert level ("1" fatal, "2" warning, "3" remind) → notice ways.</summary>
    [JsonPropertyName("notice_ways")]
    public Dictionary<string, List<string>> NoticeWays { get; init; } = [];

    /// <summary>Group chat robot address for the <c>wxwork-bot</c> way.</summary>
    [JsonPropertyName("wxwork_bot_webhook_url")]
    public string? WxworkBotWebhookUrl { get; init; }

    /// <summary>User → mail address for the <c>mail</c> way (a user that is itself an address needs no entry).</summary>
    [JsonPropertyName("mail_addresses")]
    public Dictionary<string, string> MailAddresses { get; init; } = [];
}
