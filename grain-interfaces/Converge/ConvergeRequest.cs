using System.Text.Json.Serialization;
using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.GrainInterfaces.Converge;

/// <summary>An action instance asking to be converged: its id, time, plugin, dimension values and the relation's config.</summary>
public sealed record ConvergeRequest
{
    [JsonPropertyName("action_id")]
    public long ActionId { get; init; }

    /// <summary>Epoch seconds; the converge window is centred on it.</summary>
    [JsonPropertyName("create_time")]
    public long CreateTime { get; init; }

    /// <summary>The instance's current status: received the first time, sleep when a waiting instance is re-evaluated.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "received";

    [JsonPropertyName("plugin_type")]
    public string PluginType { get; init; } = "";

    /// <summary>Converge dimension → value (strategy_id, alert_info, notice_info, …).</summary>
    [JsonPropertyName("values")]
    public Dictionary<string, string> Values { get; init; } = [];

    [JsonPropertyName("config")]
    public ConvergeConfig? Config { get; init; }

    /// <summary>Epoch seconds of the evaluation.</summary>
    [JsonPropertyName("now")]
    public long Now { get; init; }
}
