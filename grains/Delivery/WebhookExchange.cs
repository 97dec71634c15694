namespace BkMonitor.Grains.Delivery;

/// <summary>A webhook result plus the (capped) answer body, for channels that read the receiver's reply.</summary>
internal sealed record WebhookExchange(DeliveryResult Result, ReadOnlyMemory<byte> ResponseBody);
