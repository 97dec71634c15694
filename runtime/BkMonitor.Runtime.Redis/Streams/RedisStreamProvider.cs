using System.Diagnostics.Metrics;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Streams;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>
/// Persistent streams on Redis Streams, a drop-in for the memory provider. A stream (namespace, key) is hashed to
/// one of a fixed number of queues; queue n sits at an evenly spaced point of the silo ring and the silo owning
/// that point runs its pulling agent, so each queue has exactly one reader among the live silos and moves when
/// membership changes. Delivery is at-least-once; each event carries its own token (per-stream sequence number,
/// assigned in Redis with the append) so consumers drop repeats. A full queue refuses the produce with
/// <see cref="QueueFullException"/> and counts <c>bkmonitor.streams.events_rejected</c>; nothing unacknowledged is trimmed.
/// </summary>
public sealed class RedisStreamProvider : IStreamProvider, IStreamQueueWriter, ISiloLifecycleParticipant, IHealthReporter, IDisposable
{
    private readonly RedisStreamQueues _queues;
    private readonly RedisStreamOptions _options;
    private readonly ISiloRing _ring;
    private readonly ILogger _logger;
    private readonly StreamPubSub _pubSub;
    private readonly RedisQueueWriter[] _writers;
    private readonly RedisQueueAgent?[] _agents;
    private readonly List<Task> _stopping = [];
    private readonly Lock _gate = new();
    private bool _running;

    internal RedisStreamProvider(
        string name,
        RedisStreamQueues queues,
        RedisStreamOptions options,
        ISiloRing ring,
        Func<IGrainCallRuntime> callRuntime,
        ILogger<RedisStreamProvider> logger,
        IMeterFactory? meterFactory = null)
    {
        Name = name;
        _queues = queues;
        _options = options;
        _ring = ring;
        _logger = logger;
        _agents = new RedisQueueAgent?[queues.QueueCount];
        Instruments = StreamInstruments.Create(meterFactory, name, () => Sum(static a => a.Length), () => Sum(static a => a.Pending));
        var subscriptions = new StreamSubscriptionRegistry();
        var implicitSubscribers = new ImplicitSubscriberIndex();
        _pubSub = new StreamPubSub(name, subscriptions, implicitSubscribers);
        Dispatcher = new StreamDispatcher(name, subscriptions, implicitSubscribers, callRuntime, options.Delivery, logger, Instruments);
        _writers = new RedisQueueWriter[queues.QueueCount];
        for (var q = 0; q < _writers.Length; q++)
        {
            _writers[q] = new RedisQueueWriter(queues, q, options.MaxWriteBatch, Instruments.OnRejected);
        }
    }

    public string Name { get; }

    public int Stage => SiloStages.Streams;

    public string Namespace => $"streams:{Name}";

    internal StreamDispatcher Dispatcher { get; }

    internal StreamInstruments Instruments { get; }

    internal RedisStreamQueues Queues => _queues;

    /// <summary>The queues whose agents run on this silo now.</summary>
    public IReadOnlyList<int> OwnedQueues
    {
        get
        {
            lock (_gate)
            {
                var owned = new List<int>();
                for (var q = 0; q < _agents.Length; q++)
                {
                    if (_agents[q] is not null) owned.Add(q);
                }
                return owned;
            }
        }
    }

    /// <summary>Where queue <paramref name="queue"/> sits on the ring: evenly spaced points, so the queues spread over the silos.</summary>
    public static uint RingPoint(int queue, int queueCount) => (uint)((ulong)queue * (1UL << 32) / (ulong)queueCount);

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
        var payloads = new byte[items.Length][];
        for (var i = 0; i < items.Length; i++)
        {
            payloads[i] = RedisEventCodec.Encode(items[i]);
        }
        await _writers[_queues.QueueOf(streamId)].WriteAsync(streamId, payloads);
        Instruments.OnProduced(streamId.Namespace, items.Length);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _running = true;
        }
        _ring.Changed += Rebalance;
        Rebalance();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _ring.Changed -= Rebalance;
        Task[] running;
        lock (_gate)
        {
            _running = false;
            for (var q = 0; q < _agents.Length; q++)
            {
                if (_agents[q] is { } agent)
                {
                    agent.Stop();
                    _stopping.Add(agent.Completion);
                    _agents[q] = null;
                }
            }
            running = [.. _stopping];
        }
        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // What is left pending is reclaimed by the next owner.
        }
    }

    /// <summary>
    /// Starts the agents of queues the ring now gives this silo and stops the others; a ring without active silos
    /// (this one stopping or not yet active) gives it none.
    /// </summary>
    private void Rebalance()
    {
        lock (_gate)
        {
            if (!_running)
            {
                return;
            }
            var changed = false;
            for (var q = 0; q < _agents.Length; q++)
            {
                var mine = _ring.IsLocal(RingPoint(q, _agents.Length));
                if (mine && _agents[q] is null)
                {
                    _agents[q] = new RedisQueueAgent(_queues, q, _ring.LocalSilo.ToString(), _options, Dispatcher, Instruments, _logger);
                    changed = true;
                }
                else if (!mine && _agents[q] is { } agent)
                {
                    agent.Stop();
                    _stopping.Add(agent.Completion);
                    _agents[q] = null;
                    changed = true;
                }
            }
            _stopping.RemoveAll(static t => t.IsCompleted);
            if (changed)
            {
                var owned = new List<int>();
                for (var q = 0; q < _agents.Length; q++)
                {
                    if (_agents[q] is not null) owned.Add(q);
                }
                RedisStreamLog.Owned(_logger, Name, string.Join(',', owned), _agents.Length);
            }
        }
    }

    public Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
        => Task.FromResult(new HealthReport(Namespace, HealthReport.Ok, $"redis streams, {OwnedQueues.Count} of {_agents.Length} queues owned",
            [new HealthMetric("pending_events", Sum(static a => a.Pending)), new HealthMetric("queue_length", Sum(static a => a.Length))]));

    public void Dispose() => Instruments.Dispose();

    private long Sum(Func<RedisQueueAgent, long> of)
    {
        long total = 0;
        foreach (var agent in _agents)
        {
            if (agent is not null) total += of(agent);
        }
        return total;
    }
}
