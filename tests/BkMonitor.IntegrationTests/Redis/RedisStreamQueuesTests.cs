using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Redis;
using BkMonitor.Runtime.Redis.Streams;
using StackExchange.Redis;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>Persistent stream queues on real Redis Streams: order, numbering, at-least-once, bounds, spread.</summary>
public sealed class RedisStreamQueuesTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly StreamId Stream = StreamId.Create("alert_event", "1001");

    private async Task<(RedisTestProviders Providers, RedisStreamQueues Queues)> QueuesAsync(Action<RedisStreamOptions>? configure = null)
    {
        var providers = RedisTestProviders.Streams("alarm", redis.ConnectionString, configure);
        var queues = providers.StreamQueues("alarm");
        await queues.InitAsync(CancellationToken.None);
        return (providers, queues);
    }

    private static byte[][] Payloads(int from, int count) => [.. Enumerable.Range(from, count).Select(i => BitConverter.GetBytes(i))];

    private static int[] Values(IEnumerable<RedisQueueEvent> events) => [.. events.Select(e => BitConverter.ToInt32(e.Payload))];

    [Fact]
    public async Task Events_of_one_stream_come_back_in_order_across_batches_with_rising_sequence_numbers()
    {
        var (providers, queues) = await QueuesAsync();
        using var _ = providers;
        var other = StreamId.Create("alert_event", "2002");
        var tokens = new List<StreamSequenceToken>();
        for (var batch = 0; batch < 5; batch++)
        {
            tokens.AddRange(await queues.EnqueueAsync(Stream, Payloads(batch * 10, 10)));
            await queues.EnqueueAsync(other, Payloads(1000 + batch, 1));
        }

        var events = new List<RedisQueueEvent>();
        for (var q = 0; q < queues.QueueCount; q++) events.AddRange(await queues.ReadAsync(q, "silo-1", 1000));
        var mine = events.Where(e => e.StreamId == Stream).ToList();

        Assert.Equal(Enumerable.Range(0, 50), Values(mine));
        Assert.Equal(tokens, mine.Select(e => e.Token));
        Assert.All(mine, e => Assert.Equal(queues.QueueOf(Stream), e.QueueId));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => tokens[0].SequenceNumber + i), mine.Select(e => e.Token.SequenceNumber));
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(_ => Enumerable.Range(0, 10)), mine.Select(e => e.Token.EventIndex));
        Assert.Equal(5, events.Count(e => e.StreamId == other));
    }

    [Fact]
    public async Task Concurrent_producers_on_one_stream_get_distinct_sequence_numbers_in_queue_order()
    {
        var (providers, queues) = await QueuesAsync();
        using var _ = providers;
        var produced = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => queues.EnqueueAsync(Stream, Payloads(i * 3, 3))));

        var events = await queues.ReadAsync(queues.QueueOf(Stream), "silo-1", 1000);
        Assert.Equal(300, events.Count);
        Assert.Equal(produced.SelectMany(t => t).Select(t => t.SequenceNumber).Order(), events.Select(e => e.Token.SequenceNumber));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Token < p.Second.Token));
    }

    [Fact]
    public async Task A_multi_stream_enqueue_numbers_each_stream_on_from_its_own_counter()
    {
        var (providers, queues) = await QueuesAsync();
        using var _ = providers;
        var streams = Enumerable.Range(0, 40).Select(k => StreamId.Create("anomaly", k)).ToList();
        var first = await queues.EnqueueAsync(streams[0], Payloads(0, 2));

        var tokens = await queues.EnqueueManyAsync([.. streams.Select((s, k) => new StreamBatch(s, Payloads(k * 100, k % 3 + 1)))]);

        Assert.Equal([first[1].SequenceNumber + 1], tokens[0].Select(t => t.SequenceNumber));
        var events = new List<RedisQueueEvent>();
        for (var q = 0; q < queues.QueueCount; q++) events.AddRange(await queues.ReadAsync(q, "silo-1", 1000));
        for (var k = 1; k < streams.Count; k++)
        {
            var mine = events.Where(e => e.StreamId == streams[k]).ToList();
            Assert.Equal(Enumerable.Range(k * 100, k % 3 + 1), Values(mine));
            Assert.Equal(tokens[k], mine.Select(e => e.Token));
            Assert.All(mine, e => Assert.Equal(queues.QueueOf(streams[k]), e.QueueId));
        }
        Assert.Throws<ArgumentException>(() => queues.EnqueueManyAsync([new StreamBatch(Stream, [[1]]), new StreamBatch(Stream, [[2]])]).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task A_multi_stream_enqueue_reports_what_other_queues_accepted_when_one_is_full()
    {
        var (providers, queues) = await QueuesAsync(o => o.MaxQueueLength = 3);
        using var _ = providers;
        var other = Enumerable.Range(0, 100).Select(k => StreamId.Create("anomaly", k)).First(s => queues.QueueOf(s) != queues.QueueOf(Stream));
        await queues.EnqueueAsync(Stream, Payloads(0, 3));

        var error = await Assert.ThrowsAsync<QueueFullException>(() => queues.EnqueueManyAsync([new StreamBatch(Stream, Payloads(9, 1)), new StreamBatch(other, Payloads(8, 1))]));

        Assert.Null(error.Accepted![0]);
        Assert.Single(error.Accepted[1]!);
        var taken = await queues.ReadAsync(queues.QueueOf(other), "silo-1", 10);
        Assert.Equal([8], Values(taken));
    }

    [Fact]
    public async Task An_enqueue_whose_reply_times_out_is_not_queued_twice()
    {
        var (providers, queues) = await QueuesAsync(o =>
        {
            o.OperationTimeout = TimeSpan.FromMilliseconds(100);
            o.FirstRetryDelay = TimeSpan.FromMilliseconds(10);
            o.MaxAttempts = 20;
        });
        using var _ = providers;
        using var retries = new RedisMeasurements("bkmonitor.redis.retries", "alarm");
        await queues.EnqueueAsync(Stream, Payloads(0, 1));

        var db = await providers.Connections("redis-streams:alarm").GetDatabaseAsync("streams");
        var blocker = RawRedis.HoldServerAsync(db, TimeSpan.FromMilliseconds(400));
        var tokens = await queues.EnqueueAsync(Stream, Payloads(1, 2));
        await blocker;

        Assert.True(retries.Total >= 1);
        var events = await queues.ReadAsync(queues.QueueOf(Stream), "silo-1", 100);
        Assert.Equal([0, 1, 2], Values(events));
        Assert.Equal(tokens, events.Skip(1).Select(e => e.Token));
    }

    [Fact]
    public async Task Unacknowledged_entries_of_a_dead_consumer_are_claimed_with_their_sequence_numbers()
    {
        var (providers, queues) = await QueuesAsync();
        using var _ = providers;
        var queue = queues.QueueOf(Stream);
        await queues.EnqueueAsync(Stream, Payloads(0, 4));
        var readByA = await queues.ReadAsync(queue, "silo-a", 100);
        Assert.Equal(4, readByA.Count);
        Assert.Empty(await queues.ReadAsync(queue, "silo-b", 100));

        // silo-a dies without acknowledging; fresh entries are not idle long enough to be taken yet.
        Assert.Empty(await queues.ClaimPendingAsync(queue, "silo-b", TimeSpan.FromHours(1)));
        var claimed = await queues.ClaimPendingAsync(queue, "silo-b", TimeSpan.Zero);

        Assert.Equal(readByA.Select(e => (e.EntryId, e.Token)), claimed.Select(e => (e.EntryId, e.Token)));
        Assert.Equal(Values(readByA), Values(claimed));
        Assert.Equal(4, await queues.PendingCountAsync(queue));

        Assert.Equal(4, await queues.AckAsync(queue, [.. claimed.Select(e => e.EntryId)]));
        Assert.Equal(0, await queues.PendingCountAsync(queue));
        Assert.Equal(0, await queues.LengthAsync(queue));
        Assert.Empty(await queues.ClaimPendingAsync(queue, "silo-c", TimeSpan.Zero));
    }

    [Fact]
    public async Task A_full_queue_refuses_the_whole_batch_until_entries_are_acknowledged()
    {
        var (providers, queues) = await QueuesAsync(o => o.MaxQueueLength = 10);
        using var _ = providers;
        using var rejected = new RedisMeasurements("bkmonitor.redis.streams.rejected", "alarm");
        var queue = queues.QueueOf(Stream);
        await queues.EnqueueAsync(Stream, Payloads(0, 8));

        var error = await Assert.ThrowsAsync<QueueFullException>(() => queues.EnqueueAsync(Stream, Payloads(8, 3)));
        Assert.Equal(8, error.Length);
        Assert.Contains(queues.QueueKey(queue), error.Message);
        Assert.Equal(8, await queues.LengthAsync(queue));
        Assert.Equal(1, rejected.Total);

        var read = await queues.ReadAsync(queue, "silo-1", 2);
        await queues.AckAsync(queue, [.. read.Select(e => e.EntryId)]);
        var tokens = await queues.EnqueueAsync(Stream, Payloads(8, 3));
        // The refused batch consumed no sequence numbers.
        Assert.Equal(read[0].Token.SequenceNumber + 8, tokens[0].SequenceNumber);
        Assert.Equal(9, await queues.LengthAsync(queue));
    }

    [Fact]
    public async Task The_trim_policy_keeps_the_newest_entries_within_the_bound()
    {
        var (providers, queues) = await QueuesAsync(o =>
        {
            o.MaxQueueLength = 10;
            o.WhenFull = QueueFullPolicy.TrimOldest;
        });
        using var _ = providers;
        await queues.EnqueueAsync(Stream, Payloads(0, 8));
        await queues.EnqueueAsync(Stream, Payloads(8, 7));

        var queue = queues.QueueOf(Stream);
        Assert.Equal(10, await queues.LengthAsync(queue));
        Assert.Equal(Enumerable.Range(5, 10), Values(await queues.ReadAsync(queue, "silo-1", 100)));
    }

    [Fact]
    public async Task Five_hundred_stream_keys_spread_roughly_evenly_over_eight_queues()
    {
        var (providers, queues) = await QueuesAsync();
        using var _ = providers;
        var perQueue = new int[queues.QueueCount];
        for (var key = 0; key < 500; key++) perQueue[queues.QueueOf(StreamId.Create("alert_event", key))]++;

        // 62.5 expected per queue; a fair hash stays well inside ±40 %.
        Assert.All(perQueue, n => Assert.InRange(n, 38, 88));
        Assert.Equal(8, queues.QueueCount);
    }

    [Fact]
    public async Task Queue_keys_and_entries_follow_the_documented_layout()
    {
        var (providers, queues) = await QueuesAsync();
        using var _ = providers;
        await queues.EnqueueAsync(Stream, [[7]]);
        var key = queues.QueueKey(queues.QueueOf(Stream));
        Assert.Matches(@"^bk_monitor\.ee\.t[0-9a-f]{12}\.streams\.alarm\.q[0-7]$", key);

        using var raw = await RawRedis.ConnectAsync(redis.ConnectionString);
        var entries = (RedisResult[])await raw.Db.ExecuteAsync("XRANGE", key, "-", "+");
        var fields = ((RedisResult[])((RedisResult[])entries[0])[1]).Select(f => (string)f!).ToArray();
        Assert.Equal(["ns", "alert_event", "key", "1001", "seq"], fields[..5]);
        Assert.Contains("payload", fields);
        var counter = key[..key.LastIndexOf(".q", StringComparison.Ordinal)] + ".seq.alert_event/1001";
        Assert.NotNull(await raw.Db.KeyTimeToLiveAsync(counter));
    }

    [Fact]
    public async Task A_lost_consumer_group_is_recreated_on_read()
    {
        var (providers, queues) = await QueuesAsync();
        using var _ = providers;
        var queue = queues.QueueOf(Stream);
        using var raw = await RawRedis.ConnectAsync(redis.ConnectionString);
        await raw.Db.KeyDeleteAsync(queues.QueueKey(queue));

        Assert.Empty(await queues.ReadAsync(queue, "silo-1", 10));
        await queues.EnqueueAsync(Stream, [[1]]);
        Assert.Single(await queues.ReadAsync(queue, "silo-1", 10));
    }
}
