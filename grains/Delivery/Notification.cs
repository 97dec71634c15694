namespace BkMonitor.Grains.Delivery;

/// <summary>
/// A rendered notice ready for a channel. The idempotency key is the same on every attempt and every
/// re-send of the same (alert, signal, repeat round), so receivers can drop duplicates.
/// </summary>
public sealed record Notification(string IdempotencyKey, IReadOnlyList<string> Receivers, string Title, string Content)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    /// <summary>The exact body for webhook-style channels; when absent they send a small JSON of title/content/receivers.</summary>
    public NotificationPayload? Payload { get; init; }

    /// <summary>Extra headers: HTTP headers for webhooks, additional message headers for mail.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoHeaders;

    /// <summary>A target URL overriding the channel's configured one (a user group's own bot or webhook URL).</summary>
    public string? Target { get; init; }
}

/// <summary>Body bytes sent as-is with their content type.</summary>
public sealed record NotificationPayload(ReadOnlyMemory<byte> Body, string ContentType);
