using System.Globalization;
using StackExchange.Redis;

namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>One stream's events in an <see cref="RedisStreamQueues.EnqueueManyAsync"/> call.</summary>
public readonly record struct StreamBatch(StreamId StreamId, IReadOnlyList<byte[]> Events);

public sealed partial class RedisStreamQueues
{
    /// <summary>
    /// Appends a batch for one stream in one round trip; returns the events' tokens (consecutive sequence
    /// numbers, event index = position in the batch). A full queue under <see cref="QueueFullPolicy.RejectWhenFull"/>
    /// refuses the whole batch with <see cref="QueueFullException"/>.
    /// </summary>
    public async Task<IReadOnlyList<StreamSequenceToken>> EnqueueAsync(StreamId streamId, IReadOnlyList<byte[]> events)
    {
        if (events.Count == 0) return [];
        var queue = QueueOf(streamId);
        var reply = await EnqueueOrReportFullAsync(queue, [new StreamBatch(streamId, events)]);
        if (reply.Full is { } length) throw Full(queue, length, events.Count, null);
        return Tokens(reply.Firsts[0], events.Count);
    }

    /// <summary>
    /// Appends batches of several streams (one batch per stream) with one script call per queue, all sent
    /// at once. Each queue takes its part all or nothing; when a queue is full the exception's
    /// <see cref="QueueFullException.Accepted"/> holds the tokens of the parts other queues took.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<StreamSequenceToken>>> EnqueueManyAsync(IReadOnlyList<StreamBatch> batches)
    {
        var byQueue = new Dictionary<int, List<int>>();
        var seen = new HashSet<StreamId>();
        for (var i = 0; i < batches.Count; i++)
        {
            if (!seen.Add(batches[i].StreamId)) throw new ArgumentException($"Stream {batches[i].StreamId} appears twice; pass one batch per stream.", nameof(batches));
            if (batches[i].Events.Count == 0) continue;
            var queue = QueueOf(batches[i].StreamId);
            if (!byQueue.TryGetValue(queue, out var members)) byQueue[queue] = members = [];
            members.Add(i);
        }
        var calls = new List<(int Queue, List<int> Members, Task<EnqueueReply> Reply)>(byQueue.Count);
        foreach (var (queue, members) in byQueue)
        {
            calls.Add((queue, members, EnqueueOrReportFullAsync(queue, [.. members.Select(i => batches[i])])));
        }
        var tokens = new IReadOnlyList<StreamSequenceToken>?[batches.Count];
        (int Queue, long Length, int Count)? full = null;
        foreach (var (queue, members, task) in calls)
        {
            var reply = await task;
            if (reply.Full is { } length)
            {
                full ??= (queue, length, members.Sum(i => batches[i].Events.Count));
                continue;
            }
            for (var m = 0; m < members.Count; m++) tokens[members[m]] = Tokens(reply.Firsts[m], batches[members[m]].Events.Count);
        }
        for (var i = 0; i < tokens.Length; i++)
        {
            if (batches[i].Events.Count == 0) tokens[i] = [];
        }
        if (full is { } f) throw Full(f.Queue, f.Length, f.Count, tokens);
        return tokens!;
    }

    internal readonly record struct EnqueueReply(long[] Firsts, long? Full);

    /// <summary>One script call for batches of several streams of <paramref name="queue"/>; a full queue throws <see cref="QueueFullException"/>.</summary>
    internal async Task<EnqueueReply> EnqueueToQueueAsync(int queue, StreamBatch[] batches)
    {
        var reply = await EnqueueOrReportFullAsync(queue, batches);
        if (reply.Full is { } length)
        {
            var count = 0;
            foreach (var b in batches) count += b.Events.Count;
            throw Full(queue, length, count, null);
        }
        return reply;
    }

    private async Task<EnqueueReply> EnqueueOrReportFullAsync(int queue, StreamBatch[] batches)
    {
        var keys = new RedisKey[batches.Length + 1];
        keys[0] = _queueKeys[queue];
        var argCount = 5;
        for (var s = 0; s < batches.Length; s++)
        {
            keys[s + 1] = $"{_sequencePrefix}{batches[s].StreamId.Namespace}/{batches[s].StreamId.Key}";
            argCount += 3 + batches[s].Events.Count;
        }
        var args = new RedisValue[argCount];
        args[0] = _options.MaxQueueLength;
        args[1] = _options.WhenFull == QueueFullPolicy.RejectWhenFull ? "reject" : "trim";
        args[2] = (long)_options.SequenceCounterTtl.TotalMilliseconds;
        args[3] = Guid.NewGuid().ToString("N");
        var pos = 5;
        foreach (var batch in batches)
        {
            args[pos++] = batch.StreamId.Namespace;
            args[pos++] = batch.StreamId.Key;
            args[pos++] = batch.Events.Count;
            foreach (var payload in batch.Events) args[pos++] = payload;
        }
        var reply = (RedisResult[])await _retry.ExecuteAsync(_node, "enqueue", (db, attempt) =>
        {
            args[4] = attempt > 1 ? "1" : "0";
            return RedisStreamScripts.Enqueue.EvaluateAsync(db, keys, args);
        });
        if ((long)reply[0] == 0) return new EnqueueReply([], (long)reply[1]);
        var firsts = ((string)reply[1]!).Split(',');
        var result = new long[firsts.Length];
        for (var i = 0; i < result.Length; i++) result[i] = long.Parse(firsts[i], CultureInfo.InvariantCulture);
        return new EnqueueReply(result, null);
    }

    private static StreamSequenceToken[] Tokens(long first, int count)
    {
        var tokens = new StreamSequenceToken[count];
        for (var i = 0; i < tokens.Length; i++) tokens[i] = new StreamSequenceToken(first + i, i);
        return tokens;
    }

    private QueueFullException Full(int queue, long length, int batchSize, IReadOnlyList<IReadOnlyList<StreamSequenceToken>?>? accepted)
    {
        RedisInstruments.RejectedBatches.Add(1, new KeyValuePair<string, object?>("provider", Name));
        return new QueueFullException(_queueKeys[queue], length, _options.MaxQueueLength, batchSize) { Accepted = accepted };
    }
}
