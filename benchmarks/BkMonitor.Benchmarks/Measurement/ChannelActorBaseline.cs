using System.Diagnostics;
using System.Threading.Channels;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>
/// The floor for any async actor: request/response through a bare <see cref="Channel{T}"/> per actor,
/// one reader loop per actor, a TaskCompletionSource per call. Grain calls are compared against it.
/// </summary>
public static class ChannelActorBaseline
{
    private sealed record Request(int Value, TaskCompletionSource<int> Reply);

    public static async Task<(double CallsPerSecond, LatencyRecorder Latency)> RunAsync(int actors, int callers, TimeSpan duration)
    {
        var channels = Enumerable.Range(0, actors).Select(_ => Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true })).ToArray();
        using var stop = new CancellationTokenSource();
        var readers = channels.Select(ch => Task.Run(async () =>
        {
            var state = 0;
            await foreach (var req in ch.Reader.ReadAllAsync())
            {
                state += req.Value;
                req.Reply.SetResult(state);
            }
        })).ToArray();

        var latency = new LatencyRecorder(callers, 200_000);
        long total = 0;
        var sw = Stopwatch.StartNew();
        stop.CancelAfter(duration);
        var workers = Enumerable.Range(0, callers).Select(w => Task.Run(async () =>
        {
            long n = 0;
            var ch = channels[w % actors];
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                await ch.Writer.WriteAsync(new Request(1, tcs));
                await tcs.Task;
                latency.Record(w, Stopwatch.GetTimestamp() - start);
                n++;
            }
            Interlocked.Add(ref total, n);
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = sw.Elapsed.TotalSeconds;
        foreach (var ch in channels) ch.Writer.Complete();
        await Task.WhenAll(readers);
        return (total / elapsed, latency);
    }
}
