namespace BkMonitor.Grains.Alerts;

/// <summary>Bounds of the alert index writer: queue, batch, retries, and how long a read waits for pending writes.</summary>
public sealed class AlertIndexWriterOptions
{
    /// <summary>Snapshots waiting to be written; a full queue makes the alert grains wait (back-pressure).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Distinct alerts per store transaction.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>Attempts per batch before it is dropped (the alert grains re-index on their next activation).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First pause after a failed batch; doubles per attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a search waits for the writes queued before it on this silo; past it, it reads what is stored.</summary>
    public TimeSpan ReadFlushTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public void Validate()
    {
        if (QueueCapacity < 1) throw new ArgumentException($"QueueCapacity must be at least 1, got {QueueCapacity}.");
        if (MaxBatchSize < 1) throw new ArgumentException($"MaxBatchSize must be at least 1, got {MaxBatchSize}.");
        if (MaxAttempts < 1) throw new ArgumentException($"MaxAttempts must be at least 1, got {MaxAttempts}.");
        if (RetryDelay < TimeSpan.Zero || ReadFlushTimeout < TimeSpan.Zero) throw new ArgumentException("RetryDelay and ReadFlushTimeout must not be negative.");
    }
}
