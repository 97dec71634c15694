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

    public void Validate(string providerName)
    {
        ValidateCommon($"Redis streams '{providerName}'");
        Node.Validate();
        if (QueueCount < 1) throw new ArgumentException($"Redis streams '{providerName}': QueueCount must be at least 1, got {QueueCount}.");
        if (MaxQueueLength < 1) throw new ArgumentException($"Redis streams '{providerName}': MaxQueueLength must be at least 1, got {MaxQueueLength}.");
        if (string.IsNullOrWhiteSpace(ConsumerGroup)) throw new ArgumentException($"Redis streams '{providerName}': ConsumerGroup is required.");
        if (SequenceCounterTtl <= TimeSpan.Zero) throw new ArgumentException($"Redis streams '{providerName}': SequenceCounterTtl must be positive.");
    }
}
