using System.Threading.Channels;

namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>
/// The producer side of one queue: concurrent OnNext calls are coalesced into one enqueue script call (one round
/// trip for up to <see cref="RedisStreamOptions.MaxWriteBatch"/> events), with one call in flight per queue so
/// the events of a stream enter the queue in the order their producers were accepted.
/// </summary>
internal sealed class RedisQueueWriter
{
    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RedisStreamQueues _queues;
    private readonly int _queue;
    private readonly int _maxBatch;
    private readonly Action<string, int> _onRejected;
    private int _pumping;

    public RedisQueueWriter(RedisStreamQueues queues, int queue, int maxBatch, Action<string, int> onRejected)
    {
        _queues = queues;
        _queue = queue;
        _maxBatch = maxBatch;
        _onRejected = onRejected;
    }

    public Task WriteAsync(StreamId streamId, byte[][] payloads)
    {
        var write = new PendingWrite(streamId, payloads);
        _pending.Writer.TryWrite(write);
        if (Interlocked.CompareExchange(ref _pumping, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static w => _ = w.PumpAsync(), this, preferLocal: false);
        }
        return write.Done.Task;
    }

    private async Task PumpAsync()
    {
        var batch = new List<PendingWrite>();
        while (true)
        {
            var events = 0;
            while (events < _maxBatch && _pending.Reader.TryRead(out var write))
            {
                batch.Add(write);
                events += write.Payloads.Length;
            }
            if (batch.Count == 0)
            {
                Volatile.Write(ref _pumping, 0);
                // A write that arrived between the last read and the reset finds the flag set and relies on us.
                if (!_pending.Reader.TryPeek(out _) || Interlocked.CompareExchange(ref _pumping, 1, 0) != 0)
                {
                    return;
                }
                continue;
            }
            await FlushAsync(batch);
            batch.Clear();
        }
    }

    private async Task FlushAsync(List<PendingWrite> batch)
    {
        try
        {
            await _queues.EnqueueToQueueAsync(_queue, Merge(batch));
            foreach (var write in batch)
            {
                write.Done.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            if (ex is QueueFullException)
            {
                foreach (var write in batch)
                {
                    _onRejected(write.StreamId.Namespace, write.Payloads.Length);
                }
            }
            foreach (var write in batch)
            {
                write.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>One batch per stream (the script numbers each stream once per call), producers' events in arrival order.</summary>
    private static StreamBatch[] Merge(List<PendingWrite> batch)
    {
        if (batch.Count == 1)
        {
            return [new StreamBatch(batch[0].StreamId, batch[0].Payloads)];
        }
        var byStream = new Dictionary<StreamId, List<byte[]>>();
        var order = new List<StreamId>();
        foreach (var write in batch)
        {
            if (!byStream.TryGetValue(write.StreamId, out var payloads))
            {
                byStream[write.StreamId] = payloads = new List<byte[]>(write.Payloads.Length);
                order.Add(write.StreamId);
            }
            payloads.AddRange(write.Payloads);
        }
        var merged = new StreamBatch[order.Count];
        for (var i = 0; i < merged.Length; i++)
        {
            merged[i] = new StreamBatch(order[i], byStream[order[i]]);
        }
        return merged;
    }

    private sealed class PendingWrite(StreamId streamId, byte[][] payloads)
    {
        public StreamId StreamId { get; } = streamId;

        public byte[][] Payloads { get; } = payloads;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
