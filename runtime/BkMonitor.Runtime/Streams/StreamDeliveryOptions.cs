namespace BkMonitor.Runtime.Streams;

/// <summary>How a provider retries a delivery that failed (the grain threw, the call timed out, the silo was gone).</summary>
public class StreamDeliveryOptions
{
    /// <summary>Attempts per event and subscriber, the first included; after the last the event is logged and skipped.</summary>
    public int MaxDeliveryAttempts { get; set; } = 3;

    /// <summary>Wait before the second attempt; it doubles for each further attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of one wait between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    internal void Validate(string provider)
    {
        if (MaxDeliveryAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDeliveryAttempts), MaxDeliveryAttempts, $"Stream provider '{provider}': MaxDeliveryAttempts must be at least 1.");
        }
        if (RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryDelay), RetryDelay, $"Stream provider '{provider}': RetryDelay must not be negative.");
        }
        if (MaxRetryDelay < RetryDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetryDelay), MaxRetryDelay, $"Stream provider '{provider}': MaxRetryDelay must not be below RetryDelay.");
        }
    }
}

/// <summary>Options of the in-memory stream provider.</summary>
public sealed class MemoryStreamOptions : StreamDeliveryOptions
{
    /// <summary>Events (OnNext calls or batches) a stream key holds before producers wait.</summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Grain types whose implicit subscriptions this provider does not deliver to: for a host that runs the first
    /// stages of a pipeline alone (the detect benchmark leaves out the alert stage). Not a deployment setting; a
    /// deployment moves a stage to other silos with roles.
    /// </summary>
    internal HashSet<string> ExcludedImplicitSubscribers { get; } = new(StringComparer.Ordinal);

    internal new void Validate(string provider)
    {
        base.Validate(provider);
        if (QueueCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, $"Stream provider '{provider}': QueueCapacity must be at least 1.");
        }
    }
}
