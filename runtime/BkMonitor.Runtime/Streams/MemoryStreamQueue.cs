namespace BkMonitor.Runtime.Streams;

/// <summary>
/// The bounded queue of one stream key with its pump. Producers take a slot before enqueueing (so a full queue
/// makes OnNextAsync wait) and the pump frees it after delivery; at most one pump runs, so events of a key are
/// delivered one after the other. An empty queue closes and leaves the provider, so idle keys cost nothing.
/// </summary>
internal sealed class MemoryStreamQueue(StreamId streamId, MemoryStreamProvider provider, int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<QueuedBatch> _batches = new();
    private readonly SemaphoreSlim _slots = new(capacity, capacity);
    private bool _pumping;
    private bool _closed;

    /// <summary>False when the queue closed meanwhile; the caller then enqueues into the key's new queue.</summary>
    public async ValueTask<bool> TryEnqueueAsync(QueuedBatch batch)
    {
        await _slots.WaitAsync();
        lock (_gate)
        {
            if (_closed)
            {
                _slots.Release();
                return false;
            }
            batch.Sequence = provider.NextSequence();
            _batches.Enqueue(batch);
            provider.OnAccepted(batch.Count);
            if (_pumping)
            {
                return true;
            }
            _pumping = true;
        }
        // The pump must not run in the producer's execution context (it may be a grain turn).
        ThreadPool.UnsafeQueueUserWorkItem(static queue => _ = queue.PumpAsync(), this, preferLocal: false);
        return true;
    }

    private async Task PumpAsync()
    {
        QueuedBatch? batch;
        lock (_gate)
        {
            batch = _batches.Dequeue();
        }
        while (batch is not null)
        {
            provider.OnDeliveryStarting(streamId, batch);
            try
            {
                await batch.DeliverAsync(provider.Dispatcher, streamId);
            }
            catch (Exception ex)
            {
                provider.OnPumpFault(streamId, ex);
            }
            _slots.Release();
            var delivered = batch;
            lock (_gate)
            {
                if (!_batches.TryDequeue(out batch))
                {
                    _pumping = false;
                    _closed = true;
                    provider.RemoveQueue(streamId, this);
                }
            }
            // Counted after the close, so "nothing pending" also means "no queue left".
            provider.OnDelivered(delivered.Count);
        }
    }
}
