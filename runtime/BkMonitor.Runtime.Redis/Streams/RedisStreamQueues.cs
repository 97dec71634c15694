using System.Globalization;
using BkMonitor.Runtime.Redis.Connections;
using StackExchange.Redis;

namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>
/// Persistent stream queues on Redis Streams (adapter level): a fixed number of queues
/// <c>{app_code}.{platform}[.{env}].streams.{provider}.q{n}</c>, a stream hashed to one of them, one consumer
/// group. Events carry a per-stream sequence number (counter <c>...streams.{provider}.seq.{ns}/{key}</c>)
/// assigned in the same script as the XADD, so numbering and queue order agree; consumers drop duplicates by it.
/// </summary>
public sealed partial class RedisStreamQueues
{
    private const int AckChunk = 1000;
    private readonly RedisStreamOptions _options;
    private readonly RedisRetryPolicy _retry;
    private readonly string _node;
    private readonly string[] _queueKeys;
    private readonly string _sequencePrefix;

    internal RedisStreamQueues(string name, RedisStreamOptions options, RedisRetryPolicy retry)
    {
        Name = name;
        _options = options;
        _retry = retry;
        _node = options.Node.Name;
        var prefix = $"{options.KeyPrefix}.streams.{name}";
        _queueKeys = new string[options.QueueCount];
        for (var i = 0; i < _queueKeys.Length; i++) _queueKeys[i] = $"{prefix}.q{i.ToString(CultureInfo.InvariantCulture)}";
        _sequencePrefix = $"{prefix}.seq.";
    }

    public string Name { get; }

    public int QueueCount => _queueKeys.Length;

    public string QueueKey(int queue) => _queueKeys[queue];

    public int QueueOf(StreamId streamId) => (int)(UniformHash.Of(streamId.Namespace, streamId.Key) % (uint)_queueKeys.Length);

    /// <summary>Creates the consumer group of every queue (and the queue itself) if missing.</summary>
    public async Task InitAsync(CancellationToken cancellationToken)
    {
        for (var q = 0; q < _queueKeys.Length; q++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await EnsureGroupAsync(q);
        }
    }

    /// <summary>New entries for <paramref name="consumer"/> (XREADGROUP ... &gt;); they stay pending until acknowledged.</summary>
    public async Task<IReadOnlyList<RedisQueueEvent>> ReadAsync(int queue, string consumer, int count)
    {
        var reply = await WithGroupAsync(queue, "read", db =>
            db.ExecuteAsync("XREADGROUP", "GROUP", _options.ConsumerGroup, consumer, "COUNT", count, "STREAMS", _queueKeys[queue], ">"));
        var events = new List<RedisQueueEvent>();
        RedisStreamEntries.ParseRead(reply, queue, events);
        return events;
    }

    /// <summary>Acknowledges delivered entries and deletes them from the queue; returns how many were pending.</summary>
    public async Task<long> AckAsync(int queue, IReadOnlyList<string> entryIds)
    {
        long acked = 0;
        for (var start = 0; start < entryIds.Count; start += AckChunk)
        {
            var n = Math.Min(AckChunk, entryIds.Count - start);
            var args = new RedisValue[n + 1];
            args[0] = _options.ConsumerGroup;
            for (var i = 0; i < n; i++) args[i + 1] = entryIds[start + i];
            var reply = await _retry.ExecuteAsync(_node, "ack", (db, _) => RedisStreamScripts.AckAndDelete.EvaluateAsync(db, [_queueKeys[queue]], args));
            acked += (long)reply;
        }
        return acked;
    }

    /// <summary>
    /// Takes over entries pending for at least <paramref name="minIdle"/> (a dead owner's deliveries) for
    /// <paramref name="newConsumer"/>, up to <paramref name="count"/>, with their original sequence numbers.
    /// </summary>
    public async Task<IReadOnlyList<RedisQueueEvent>> ClaimPendingAsync(int queue, string newConsumer, TimeSpan minIdle, int count = 1000)
    {
        var events = new List<RedisQueueEvent>();
        var cursor = "0-0";
        var idleMs = (long)minIdle.TotalMilliseconds;
        do
        {
            var from = cursor;
            var reply = (RedisResult[])await WithGroupAsync(queue, "claim", db => db.ExecuteAsync(
                "XAUTOCLAIM", _queueKeys[queue], _options.ConsumerGroup, newConsumer, idleMs, from, "COUNT", count - events.Count));
            cursor = (string)reply[0]!;
            RedisStreamEntries.ParseEntries(reply[1], queue, events);
        }
        while (cursor != "0-0" && events.Count < count);
        return events;
    }

    /// <summary>Entries delivered but not yet acknowledged, over all consumers.</summary>
    public async Task<long> PendingCountAsync(int queue)
    {
        var reply = (RedisResult[])await WithGroupAsync(queue, "pending", db => db.ExecuteAsync("XPENDING", _queueKeys[queue], _options.ConsumerGroup));
        return (long)reply[0];
    }

    public async Task<long> LengthAsync(int queue)
        => (long)await _retry.ExecuteAsync(_node, "length", (db, _) => db.ExecuteAsync("XLEN", _queueKeys[queue]));

    /// <summary>Runs a group command; a group lost with the data (a restart without persistence) is recreated once.</summary>
    private async Task<RedisResult> WithGroupAsync(int queue, string operation, Func<IDatabase, Task<RedisResult>> command)
    {
        try
        {
            return await _retry.ExecuteAsync(_node, operation, (db, _) => command(db));
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            await EnsureGroupAsync(queue);
            return await _retry.ExecuteAsync(_node, operation, (db, _) => command(db));
        }
    }

    private Task EnsureGroupAsync(int queue)
        => _retry.ExecuteAsync(_node, "create group", async (db, _) =>
        {
            try
            {
                await db.ExecuteAsync("XGROUP", "CREATE", _queueKeys[queue], _options.ConsumerGroup, "0", "MKSTREAM");
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // Another silo created it first.
            }
        });
}
