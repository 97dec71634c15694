namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>One event read from a queue: where it sits (queue, entry id, to acknowledge it) and what it is.</summary>
public sealed record RedisQueueEvent(int QueueId, string EntryId, StreamId StreamId, StreamSequenceToken Token, byte[] Payload);

/// <summary>The queue already holds its maximum number of entries; the whole batch was refused.</summary>
public sealed class QueueFullException(string queueKey, long length, int maxLength, int batchSize)
    : DependencyUnavailableException("the stream queue", $"Stream queue {queueKey} is full: {length} entries queued, a batch of {batchSize} would pass the bound of {maxLength}.")
{
    public string QueueKey { get; } = queueKey;

    public long Length { get; } = length;

    /// <summary>
    /// For <see cref="RedisStreamQueues.EnqueueManyAsync"/>: the tokens of each input batch that another
    /// queue took, aligned with the input; null where the batch was refused (retry only those).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<StreamSequenceToken>?>? Accepted { get; init; }
}
