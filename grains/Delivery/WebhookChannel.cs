using System.Text.Json;

namespace BkMonitor.Grains.Delivery;

/// <summary>
/// The "webhook" way: posts the notification's payload (the webhook v4 body or a rendered template) as-is,
/// or a small JSON of title/content/receivers when no payload was rendered.
/// </summary>
public sealed class WebhookChannel(WebhookSender sender, WebhookChannelOptions options) : INotificationChannel
{
    public const string WayName = "webhook";

    public string Name => WayName;

    public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var url = notification.Target ?? options.Url;
        if (string.IsNullOrWhiteSpace(url))
        {
            return Task.FromResult(DeliveryResult.Failed($"channel '{WayName}' has no target URL"));
        }
        var payload = notification.Payload ?? DefaultPayload(notification);
        var request = new WebhookRequest(url, options.Method, payload.Body, payload.ContentType, notification.IdempotencyKey)
        {
            Headers = Merge(options.Headers, notification.Headers),
        };
        return sender.SendAsync(request, cancellationToken);
    }

    /// <summary>Configured headers first, the notification's own win on a clash (case-insensitive, as HTTP names are).</summary>
    internal static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> configured, IReadOnlyDictionary<string, string> own)
    {
        if (own.Count == 0) return configured;
        if (configured.Count == 0) return own;
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in configured) merged[k] = v;
        foreach (var (k, v) in own) merged[k] = v;
        return merged;
    }

    private static NotificationPayload DefaultPayload(Notification notification)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["title"] = notification.Title,
            ["content"] = notification.Content,
            ["receivers"] = notification.Receivers,
        });
        return new NotificationPayload(body, "application/json; charset=utf-8");
    }
}
