using BkMonitor.Runtime.Streams;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>
/// The pulling agent of one queue this silo owns. It first takes over every entry still pending in the consumer
/// group (a previous owner's unacknowledged deliveries, oldest first), then reads new entries in batches; a batch
/// is split by stream key, the keys are delivered in parallel (each key's events in queue order, in one grain call),
/// and the whole batch is acknowledged once every delivery finished. Entries whose delivery failed are retried by
/// the dispatcher with backoff; entries left pending (an ack that failed) are reclaimed after
/// <see cref="RedisStreamOptions.ReclaimIdle"/>. While a full batch is delivered the next read and the previous
/// acknowledgement are in flight. Redis errors are logged, counted and retried; the agent never dies of them. A
/// stopped agent acknowledges what it delivered and leaves the rest (read ahead, undelivered) to the next owner.
/// </summary>
internal sealed class RedisQueueAgent
{
    private readonly RedisStreamQueues _queues;
    private readonly int _queue;
    private readonly string _consumer;
    private readonly RedisStreamOptions _options;
    private readonly StreamDispatcher _dispatcher;
    private readonly StreamInstruments _instruments;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private long _pending;
    private Task? _ack;

    public RedisQueueAgent(RedisStreamQueues queues, int queue, string consumer, RedisStreamOptions options, StreamDispatcher dispatcher, StreamInstruments instruments, ILogger logger)
    {
        _queues = queues;
        _queue = queue;
        _consumer = consumer;
        _options = options;
        _dispatcher = dispatcher;
        _instruments = instruments;
        _logger = logger;
        Completion = Task.Run(RunAsync);
    }

    public int Queue => _queue;

    public Task Completion { get; }

    /// <summary>Entries read by this agent and not yet acknowledged.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Queue length seen at the last refresh (acknowledged entries are deleted, so this is the backlog).</summary>
    public long Length { get; private set; }

    public void Stop() => _stop.Cancel();

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        var recovering = true;
        var nextReclaim = DateTime.UtcNow + _options.ReclaimInterval;
        var nextRefresh = DateTime.UtcNow;
        var idle = _options.MinPollDelay;
        var failures = 0;
        Task<IReadOnlyList<RedisQueueEvent>>? prefetch = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var now = DateTime.UtcNow;
                if (now >= nextRefresh)
                {
                    Length = await _queues.LengthAsync(_queue);
                    nextRefresh = now + _options.MetricsRefreshInterval;
                }
                var reclaim = recovering || now >= nextReclaim;
                IReadOnlyList<RedisQueueEvent> events;
                if (reclaim)
                {
                    events = await _queues.ClaimPendingAsync(_queue, _consumer, recovering ? TimeSpan.Zero : _options.ReclaimIdle, _options.ReadBatchSize);
                }
                else
                {
                    var read = prefetch ?? _queues.ReadAsync(_queue, _consumer, _options.ReadBatchSize);
                    prefetch = null;
                    events = await read;
                    // A full batch means more is waiting: the next read travels while this batch is delivered.
                    if (events.Count == _options.ReadBatchSize)
                    {
                        prefetch = _queues.ReadAsync(_queue, _consumer, _options.ReadBatchSize);
                    }
                }
                failures = 0;
                if (events.Count == 0)
                {
                    if (reclaim)
                    {
                        recovering = false;
                        nextReclaim = now + _options.ReclaimInterval;
                        continue;
                    }
                    await Task.Delay(idle, ct);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollDelay.Ticks));
                    continue;
                }
                idle = _options.MinPollDelay;
                await DeliverAndAckAsync(events, reclaim);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromTicks(Math.Min(_options.FirstRetryDelay.Ticks * (1L << Math.Min(failures, 16)), _options.MaxRetryDelay.Ticks));
                RedisStreamLog.AgentFault(_logger, ex, _queues.Name, _queue, delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        // Entries read ahead and never delivered stay pending for the next owner.
        _ = prefetch?.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        await FlushAckAsync();
    }

    /// <summary>Waits for the acknowledgement in flight; a failed one leaves its entries pending until they are reclaimed.</summary>
    private async Task FlushAckAsync()
    {
        var ack = _ack;
        _ack = null;
        if (ack is null) return;
        try
        {
            await ack;
        }
        catch (Exception ex)
        {
            RedisStreamLog.AgentFault(_logger, ex, _queues.Name, _queue, 0);
        }
    }

    private async Task DeliverAndAckAsync(IReadOnlyList<RedisQueueEvent> events, bool redelivered)
    {
        Interlocked.Add(ref _pending, events.Count);
        try
        {
            if (redelivered)
            {
                foreach (var e in events)
                {
                    _instruments.OnRedelivered(e.StreamId.Namespace, 1);
                }
            }
            await DeliverAsync(events);
        }
        catch
        {
            Interlocked.Add(ref _pending, -events.Count);
            throw;
        }
        // Delivered is done, even when the agent was stopped meanwhile (a graceful handover then repeats nothing).
        var ids = new string[events.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = events[i].EntryId;
        }
        // One acknowledgement in flight while the next batch is delivered.
        await FlushAckAsync();
        _ack = AckAsync(ids);
    }

    private async Task AckAsync(string[] ids)
    {
        try
        {
            await _queues.AckAsync(_queue, ids);
        }
        finally
        {
            Interlocked.Add(ref _pending, -ids.Length);
        }
    }

    private Task DeliverAsync(IReadOnlyList<RedisQueueEvent> events)
    {
        var byStream = new Dictionary<StreamId, List<RedisQueueEvent>>();
        foreach (var e in events)
        {
            if (!byStream.TryGetValue(e.StreamId, out var list))
            {
                byStream[e.StreamId] = list = [];
            }
            list.Add(e);
        }
        var deliveries = new Task[byStream.Count];
        var n = 0;
        foreach (var (streamId, list) in byStream)
        {
            deliveries[n++] = DeliverStreamAsync(streamId, list);
        }
        return Task.WhenAll(deliveries);
    }

    /// <summary>One stream's events in order, one delivery per run of events of the same type.</summary>
    private async Task DeliverStreamAsync(StreamId streamId, List<RedisQueueEvent> events)
    {
        for (var start = 0; start < events.Count;)
        {
            var end = start + 1;
            while (end < events.Count && RedisEventCodec.SameType(events[start].Payload, events[end].Payload))
            {
                end++;
            }
            try
            {
                await RedisEventCodec.TypeOf(events[start].Payload).DeliverAsync(_dispatcher, streamId, events, start, end - start);
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or NotSupportedException)
            {
                // A payload this silo cannot read would block the key forever if kept; it is logged, counted and acknowledged.
                _instruments.OnFailed(streamId.Namespace, end - start);
                RedisStreamLog.Unreadable(_logger, ex, _queues.Name, streamId, events[start].EntryId, end - start);
            }
            start = end;
        }
    }
}
