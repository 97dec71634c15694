using System.Text.Json;
using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>An action config (bk-monitor "处理套餐"): what to run when a strategy relation fires.</summary>
public sealed record ActionConfig
{
    [JsonPropertyName("id")]
    public int Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("bk_biz_id")]
    public int BkBizId { get; init; }

    /// <summary>One of <see cref="ActionPluginType"/>.</summary>
    [JsonPropertyName("plugin_type")]
    public string PluginType { get; init; } = "";

    /// <summary>Plugin specific; for <c>webhook</c> the shape of <see cref="WebhookExecuteConfig"/>.</summary>
    [JsonPropertyName("execute_config")]
    public JsonElement? ExecuteConfig { get; init; }
}
