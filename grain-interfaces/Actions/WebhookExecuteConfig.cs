using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>The execute_config of a <c>webhook</c> action config.</summary>
public sealed record WebhookExecuteConfig
{
    public const int DefaultTimeoutSeconds = 10;
    public const int DefaultRetries = 2;

    [JsonPropertyName("url")]
    public string Url { get; init; } = "";

    [JsonPropertyName("method")]
    public string Method { get; init; } = "POST";

    [JsonPropertyName("headers")]
    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>Handlebars template of the request body; absent → Alertmanager v4 payload.</summary>
    [JsonPropertyName("body_template")]
    public string? BodyTemplate { get; init; }

    /// <summary>Per attempt, seconds (default 10).</summary>
    [JsonPropertyName("timeout")]
    public int? Timeout { get; init; }

    /// <summary>Retries after the first attempt (default 2, so at most 3 attempts).</summary>
    [JsonPropertyName("retries")]
    public int? Retries { get; init; }

    [JsonIgnore]
    public int MaxAttempts => 1 + (Retries ?? DefaultRetries);

    [JsonIgnore]
    public int TimeoutSeconds => Timeout ?? DefaultTimeoutSeconds;
}
