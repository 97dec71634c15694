using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Streams;

/// <summary>
/// Streams in process memory: one bounded queue per stream key, delivered in order to implicit subscriber
/// grains, explicit grain subscriptions and client observers. Not durable: events accepted but not yet
/// delivered are lost with the process. On stop it drains what is queued, as long as the host allows.
/// </summary>
public sealed class MemoryStreamProvider : IStreamProvider, IStreamQueueWriter, ISiloLifecycleParticipant, IHealthReporter, IDisposable
{
    private const int QueueLockStripes = 64;

    // Queues come and go with every batch of an idle key (an empty queue leaves), so adds and removes are as
    // frequent as events: many lock stripes keep producers of different keys from queueing on one lock.
    private readonly ConcurrentDictionary<StreamId, MemoryStreamQueue> _queues = new(QueueLockStripes, 1024);

    private readonly Func<StreamId, MemoryStreamQueue> _createQueue;
    private readonly StreamPubSub _pubSub;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _idleGate = new();
    private TaskCompletionSource? _idle;
    private readonly StreamSequenceSource _sequence = new();
    private long _pendingEvents;
    private int _pendingBatches;

    internal MemoryStreamProvider(
        string name,
        MemoryStreamOptions options,
        StreamSubscriptionRegistry subscriptions,
        Func<IGrainCallRuntime> callRuntime,
        TimeProvider time,
        ILogger<MemoryStreamProvider> logger,
        IMeterFactory? meterFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options.Validate(name);
        Name = name;
        _time = time;
        _logger = logger;
        Instruments = StreamInstruments.Create(meterFactory, name, () => Interlocked.Read(ref _pendingEvents));
        var implicitSubscribers = new ImplicitSubscriberIndex(options.ExcludedImplicitSubscribers);
        _pubSub = new StreamPubSub(name, subscriptions, implicitSubscribers);
        Dispatcher = new StreamDispatcher(name, subscriptions, implicitSubscribers, callRuntime, options, logger, Instruments);
        _createQueue = id => new MemoryStreamQueue(id, this, options.QueueCapacity);
    }

    public string Name { get; }

    public int Stage => SiloStages.Streams;

    public string Namespace => $"streams:{Name}";

    internal StreamDispatcher Dispatcher { get; }

    internal StreamInstruments Instruments { get; }

    /// <summary>Stream keys that currently hold undelivered events.</summary>
    internal int QueueCount => _queues.Count;

    internal long PendingEvents => Interlocked.Read(ref _pendingEvents);

    public IAsyncStream<T> GetStream<T>(StreamId streamId)
    {
        if (streamId.Namespace is null)
        {
            throw new ArgumentException($"Stream provider '{Name}' needs a stream id with a namespace and a key; got an empty StreamId.", nameof(streamId));
        }
        return new PubSubStream<T>(streamId, this, _pubSub);
    }

    async Task IStreamQueueWriter.EnqueueAsync<T>(StreamId streamId, T[] items)
    {
        if (items.Length == 0)
        {
            return;
        }
        var batch = new QueuedBatch<T>(items, _time.GetTimestamp());
        while (!await _queues.GetOrAdd(streamId, _createQueue).TryEnqueueAsync(batch))
        {
        }
        Instruments.OnProduced(streamId.Namespace, items.Length);
    }

    /// <summary>Completes when every accepted event has been delivered (or given up on).</summary>
    internal Task WhenIdleAsync()
    {
        lock (_idleGate)
        {
            if (Volatile.Read(ref _pendingBatches) == 0)
            {
                return Task.CompletedTask;
            }
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WhenIdleAsync().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
        => Task.FromResult(new HealthReport(Namespace, HealthReport.Ok, "in-memory streams",
            [new HealthMetric("pending_events", PendingEvents), new HealthMetric("active_queues", QueueCount)]));

    public void Dispose() => Instruments.Dispose();

    internal long NextSequence() => _sequence.Next();

    internal void OnAccepted(int count)
    {
        Interlocked.Increment(ref _pendingBatches);
        Interlocked.Add(ref _pendingEvents, count);
    }

    internal void OnDeliveryStarting(StreamId streamId, QueuedBatch batch)
        => Instruments.OnLag(streamId.Namespace, _time.GetElapsedTime(batch.AcceptedAt));

    internal void OnDelivered(int count)
    {
        Interlocked.Add(ref _pendingEvents, -count);
        if (Interlocked.Decrement(ref _pendingBatches) != 0)
        {
            return;
        }
        TaskCompletionSource? idle;
        lock (_idleGate)
        {
            idle = _idle;
            _idle = null;
        }
        idle?.TrySetResult();
    }

    internal void OnPumpFault(StreamId streamId, Exception exception)
        => _logger.LogError(exception, "Stream {StreamId} ({Provider}): delivery failed unexpectedly; the queue continues", streamId, Name);

    internal void RemoveQueue(StreamId streamId, MemoryStreamQueue queue)
        => _queues.TryRemove(new KeyValuePair<StreamId, MemoryStreamQueue>(streamId, queue));
}
