namespace BkMonitor.Grains.Delivery;

/// <summary>Default target of the "webhook" notice way; a notification's own Target overrides the URL.</summary>
public sealed class WebhookChannelOptions
{
    public string? Url { get; init; }

    public string Method { get; init; } = "POST";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
