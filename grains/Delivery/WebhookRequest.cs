namespace BkMonitor.Grains.Delivery;

/// <summary>One webhook call: target, method, exact body bytes and headers; the idempotency key goes out on every attempt.</summary>
public sealed record WebhookRequest(string Url, string Method, ReadOnlyMemory<byte> Body, string ContentType, string IdempotencyKey)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoHeaders;
}
