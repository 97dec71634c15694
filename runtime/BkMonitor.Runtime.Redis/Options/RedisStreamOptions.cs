using BkMonitor.Runtime.Streams;

namespace BkMonitor.Runtime.Redis;

/// <summary>What a producer sees when a queue already holds <see cref="RedisStreamOptions.MaxQueueLength"/> entries.</summary>
public enum QueueFullPolicy
{
    /// <summary>The batch is refused with <see cref="Streams.QueueFullException"/> (back-pressure, nothing lost silently).</summary>
    RejectWhenFull,

    /// <summary>The oldest entries are dropped, acknowledged or not.</summary>
    TrimOldest,
}

/// <summary>Persistent stream queues on Redis Streams: a fixed number of queues on one node, one consumer group.</summary>
public sealed class RedisStreamOptions : RedisProviderOptions
{
    public RedisNodeOptions Node { get; set; } = new();

    /// <summary>Number of queues; fixed for the life of the data (a stream's queue is its hash modulo this).</summary>
    public int QueueCount { get; set; } = 8;

    /// <summary>Bound of one queue's length in entries (acknowledged entries are deleted, so this bounds the backlog).</summary>
    public int MaxQueueLength { get; set; } = 100_000;

    public QueueFullPolicy WhenFull { get; set; } = QueueFullPolicy.RejectWhenFull;

    /// <summary>Consumer group shared by the silos that own the queues.</summary>
    public string ConsumerGroup { get; set; } = "silos";

    /// <summary>An idle stream's sequence counter expires after this (seed rule: every key has a TTL).</summary>
    public TimeSpan SequenceCounterTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Entries a queue's agent reads (and acknowledges) per round trip.</summary>
    public int ReadBatchSize { get; set; } = 1000;

    /// <summary>Events a producer-side round trip carries at most (concurrent OnNext calls are coalesced).</summary>
    public int MaxWriteBatch { get; set; } = 2000;

    /// <summary>Wait after an empty read; it doubles up to <see cref="MaxPollDelay"/> while the queue stays empty (no blocking reads: the connection is shared).</summary>
    public TimeSpan MinPollDelay { get; set; } = TimeSpan.FromMilliseconds(1);

    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Entries pending this long (an acknowledgement that failed) are taken over and delivered again.</summary>
    public TimeSpan ReclaimIdle { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan ReclaimInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an agent refreshes its queue's length for the metrics.</summary>
    public TimeSpan MetricsRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries of a failed delivery (the grain threw, its silo died and the membership has not yet noticed): long
    /// enough by default to ride out a failure detection (about 35 s), after which the event is logged and skipped.
    /// </summary>
    public StreamDeliveryOptions Delivery { get; set; } = new() { MaxDeliveryAttempts = 20, RetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromSeconds(2) };

    public void Validate(string providerName)
    {
        ValidateCommon($"Redis streams '{providerName}'");
        Node.Validate();
        if (QueueCount < 1) throw new ArgumentException($"Redis streams '{providerName}': QueueCount must be at least 1, got {QueueCount}.");
        if (MaxQueueLength < 1) throw new ArgumentException($"Redis streams '{providerName}': MaxQueueLength must be at least 1, got {MaxQueueLength}.");
        if (string.IsNullOrWhiteSpace(ConsumerGroup)) throw new ArgumentException($"Redis streams '{providerName}': ConsumerGroup is required.");
        if (ReadBatchSize < 1) throw new ArgumentException($"Redis streams '{providerName}': ReadBatchSize must be at least 1, got {ReadBatchSize}.");
        if (MaxWriteBatch < 1) throw new ArgumentException($"Redis streams '{providerName}': MaxWriteBatch must be at least 1, got {MaxWriteBatch}.");
        if (MinPollDelay <= TimeSpan.Zero || MaxPollDelay < MinPollDelay) throw new ArgumentException($"Redis streams '{providerName}': need 0 < MinPollDelay <= MaxPollDelay.");
        if (ReclaimIdle <= TimeSpan.Zero || ReclaimInterval <= TimeSpan.Zero) throw new ArgumentException($"Redis streams '{providerName}': ReclaimIdle and ReclaimInterval must be positive.");
        if (MetricsRefreshInterval <= TimeSpan.Zero) throw new ArgumentException($"Redis streams '{providerName}': MetricsRefreshInterval must be positive.");
        Delivery.Validate(providerName);
        if (SequenceCounterTtl <= TimeSpan.Zero) throw new ArgumentException($"Redis streams '{providerName}': SequenceCounterTtl must be positive.");
    }
}
