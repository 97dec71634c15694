using System.Text.Json.Serialization;

namespace BkMonitor.Grains.Actions;

/// <summary>The body an Alertmanager webhook receiver expects (webhook payload version "4").</summary>
internal sealed record AlertmanagerWebhookPayload
{
    [JsonPropertyName("version")]
    public string Version { get; init; } = "4";

    [JsonPropertyName("groupKey")]
    public string GroupKey { get; init; } = "";

    [JsonPropertyName("truncatedAlerts")]
    public int TruncatedAlerts { get; init; }

    /// <summary><c>firing</c> while any alert fires, else <c>resolved</c>.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    [JsonPropertyName("receiver")]
    public string Receiver { get; init; } = "";

    [JsonPropertyName("groupLabels")]
    public SortedDictionary<string, string> GroupLabels { get; init; } = new(StringComparer.Ordinal);

    [JsonPropertyName("commonLabels")]
    public SortedDictionary<string, string> CommonLabels { get; init; } = new(StringComparer.Ordinal);

    [JsonPropertyName("commonAnnotations")]
    public SortedDictionary<string, string> CommonAnnotations { get; init; } = new(StringComparer.Ordinal);

    [JsonPropertyName("externalURL")]
    public string ExternalUrl { get; init; } = "";

    [JsonPropertyName("alerts")]
    public IReadOnlyList<AlertmanagerWebhookAlert> Alerts { get; init; } = [];
}

/// <summary>One alert of an Alertmanager webhook payload.</summary>
internal sealed record AlertmanagerWebhookAlert
{
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    [JsonPropertyName("labels")]
    public SortedDictionary<string, string> Labels { get; init; } = new(StringComparer.Ordinal);

    [JsonPropertyName("annotations")]
    public SortedDictionary<string, string> Annotations { get; init; } = new(StringComparer.Ordinal);

    /// <summary>RFC 3339.</summary>
    [JsonPropertyName("startsAt")]
    public string StartsAt { get; init; } = "";

    /// <summary>RFC 3339; <c>0001-01-01T00:00:00Z</c> while the alert is open.</summary>
    [JsonPropertyName("endsAt")]
    public string EndsAt { get; init; } = "";

    [JsonPropertyName("generatorURL")]
    public string GeneratorUrl { get; init; } = "";

    /// <summary>Prometheus label-set fingerprint, 16 hex digits.</summary>
    [JsonPropertyName("fingerprint")]
    public string Fingerprint { get; init; } = "";
}
