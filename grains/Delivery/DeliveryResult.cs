namespace BkMonitor.Grains.Delivery;

/// <summary>How a delivery ended.</summary>
public enum DeliveryStatus
{
    Success,
    /// <summary>Delivered to some receivers; the others are in <see cref="DeliveryResult.FailedReceivers"/>.</summary>
    PartialSuccess,
    Failure,
    Skipped,
}

/// <summary>The outcome of one channel send, recorded on the action: what happened, in words a person can act on.</summary>
public sealed record DeliveryResult(DeliveryStatus Status, int Attempts, int? StatusCode, string Reason, TimeSpan Duration)
{
    private static readonly IReadOnlyDictionary<string, string> NoReceivers = new Dictionary<string, string>();

    /// <summary>Receivers that did not get the notice, with the reason for each.</summary>
    public IReadOnlyDictionary<string, string> FailedReceivers { get; init; } = NoReceivers;

    public bool Delivered => Status is DeliveryStatus.Success or DeliveryStatus.PartialSuccess;

    public static DeliveryResult Failed(string reason, int attempts = 0, int? statusCode = null, TimeSpan duration = default) =>
        new(DeliveryStatus.Failure, attempts, statusCode, reason, duration);

    public static DeliveryResult Skip(string reason) => new(DeliveryStatus.Skipped, 0, null, reason, TimeSpan.Zero);

    public static DeliveryResult NotConfigured(string channel) => Failed($"channel '{channel}' is not configured");
}
