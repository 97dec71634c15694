using System.Diagnostics;
using StackExchange.Redis;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>
/// What Redis Streams carry through StackExchange.Redis alone: producers pipeline XADDs of ~100-byte entries into
/// <c>queues</c> streams, one reader per stream loops XREADGROUP COUNT 1000 then XACK + XDEL. No grains, no codec,
/// no Lua: the ceiling the stream provider is compared against in the same run.
/// </summary>
public static class RawRedisStreamsBaseline
{
    private const int Batch = 1000;

    public static async Task<double> RunAsync(string endpoint, int queues, int maxOutstanding, TimeSpan duration)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync($"{endpoint},abortConnect=false");
        var db = redis.GetDatabase();
        var prefix = $"bench.raw.{Guid.NewGuid():N}";
        var keys = Enumerable.Range(0, queues).Select(q => (RedisKey)$"{prefix}.q{q}").ToArray();
        foreach (var key in keys) await db.ExecuteAsync("XGROUP", "CREATE", key, "g", "0", "MKSTREAM");
        var payload = new byte[100];
        long produced = 0, consumed = 0;
        using var stop = new CancellationTokenSource();
        var producers = keys.Select(key => Task.Run(async () =>
        {
            var pending = new Task[Batch];
            while (!stop.IsCancellationRequested)
            {
                if (Interlocked.Read(ref produced) - Interlocked.Read(ref consumed) > maxOutstanding)
                {
                    await Task.Delay(1);
                    continue;
                }
                for (var i = 0; i < Batch; i++) pending[i] = db.ExecuteAsync("XADD", key, "*", "payload", payload);
                await Task.WhenAll(pending);
                Interlocked.Add(ref produced, Batch);
            }
        })).ToArray();
        var readers = keys.Select(key => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var reply = await db.ExecuteAsync("XREADGROUP", "GROUP", "g", "c", "COUNT", Batch, "STREAMS", key, ">");
                if (reply.IsNull)
                {
                    await Task.Delay(1);
                    continue;
                }
                var entries = (RedisResult[])((RedisResult[])((RedisResult[])reply)[0])[1];
                var args = new object[entries.Length + 2];
                args[0] = key;
                args[1] = "g";
                for (var i = 0; i < entries.Length; i++) args[i + 2] = (string)((RedisResult[])entries[i])[0]!;
                await db.ExecuteAsync("XACK", args);
                args[1] = args[0];
                await db.ExecuteAsync("XDEL", args[1..]);
                Interlocked.Add(ref consumed, entries.Length);
            }
        })).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var start = Interlocked.Read(ref consumed);
        var sw = Stopwatch.StartNew();
        await Task.Delay(duration);
        var rate = (Interlocked.Read(ref consumed) - start) / sw.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(producers.Concat(readers));
        foreach (var key in keys) await db.KeyDeleteAsync(key);
        return rate;
    }
}
