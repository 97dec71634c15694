using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace BkMonitor.Benchmarks.Hosting;

/// <summary>
/// Sends prepared <see cref="PushRound"/> reports to <c>POST /v2/push/</c>, moving the silo's clock with the data
/// (each round is one period later; the clock stands 70 s after the newest round sent) and noting, per anomalous
/// host, the <see cref="Stopwatch"/> timestamp at which its report was accepted.
/// </summary>
public sealed class PushDriver(AlarmBenchHost host, long firstTime)
{
    private readonly ConcurrentDictionary<string, long> _accepted = new(StringComparer.Ordinal);
    private long _acceptedPoints;
    private long _sentPoints;
    private int _newestRound = -1;

    public long AcceptedPoints => Interlocked.Read(ref _acceptedPoints);

    /// <summary>Points of the reports sent so far, answered or not.</summary>
    public long SentPoints => Interlocked.Read(ref _sentPoints);

    public long TimeOf(int round) => firstTime + (long)round * AlarmBenchStrategy.Interval;

    public bool TryGetAccepted(string anomalousHost, out long timestamp) => _accepted.TryGetValue(anomalousHost, out timestamp);

    /// <summary>Called from the driving loop only (one thread at a time): the fake clock is not advanced concurrently.</summary>
    public void EnterRound(int round)
    {
        if (round <= _newestRound) return;
        _newestRound = round;
        host.Clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(TimeOf(round) + 70));
    }

    public async Task SendAsync(PushRound report)
    {
        using var content = new ByteArrayContent(report.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Interlocked.Add(ref _sentPoints, report.Points);
        using var response = await host.Http.PostAsync("/v2/push/", content);
        var at = Stopwatch.GetTimestamp();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"push: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        foreach (var anomalous in report.AnomalousHosts) _accepted.TryAdd(anomalous, at);
        Interlocked.Add(ref _acceptedPoints, report.Points);
    }
}
