using System.Diagnostics;
using BkMonitor.Benchmarks.Hosting;
using BkMonitor.Benchmarks.Measurement;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>The phases of <see cref="PipelineScenario"/> on one host: each warms up with its round 0, then measures.</summary>
internal sealed class PipelineRun(AlarmBenchHost host, WebhookArrivals receiver, PushDriver driver, BenchTable[] tables, int series, TimeSpan wait)
{
    private long _expectedDetected;

    public async Task<SaturationResult> SaturateAsync(string phase, int firstRound, int rounds, int inFlight)
    {
        var reports = await WarmUpAndPrepareAsync(phase, firstRound, rounds);
        var points = (long)rounds * tables.Length * series;
        var anomalous = reports.SelectMany(r => r.Report.AnomalousHosts).ToList();
        _expectedDetected += points;
        var started = Stopwatch.GetTimestamp();
        using (var gate = new SemaphoreSlim(inFlight))
        {
            var sends = new List<Task>(reports.Count);
            foreach (var (round, report) in reports)
            {
                await gate.WaitAsync();
                driver.EnterRound(round);
                sends.Add(ReleaseAfter(driver.SendAsync(report), gate));
            }
            await Task.WhenAll(sends);
        }
        var accepted = Stopwatch.GetElapsedTime(started);
        var missing = await DrainAsync(anomalous);
        var drained = Stopwatch.GetElapsedTime(started);
        return new SaturationResult(points, points / drained.TotalSeconds, points / accepted.TotalSeconds, anomalous.Count - missing, missing);
    }

    public async Task<PacedResult> PaceAsync(string phase, int firstRound, int rounds, int rate, int maxInFlight)
    {
        var reports = await WarmUpAndPrepareAsync(phase, firstRound, rounds);
        var points = (long)rounds * tables.Length * series;
        var anomalous = reports.SelectMany(r => r.Report.AnomalousHosts).ToList();
        var detectedBefore = host.Counters.DetectedRecords;
        var sentBefore = driver.SentPoints;
        _expectedDetected += points;
        // Points offered (sent, answered or not) that detect has not evaluated yet.
        using var backlog = new BacklogSampler(() => driver.SentPoints - sentBefore - (host.Counters.DetectedRecords - detectedBefore));
        var spacing = (double)series / rate * Stopwatch.Frequency;
        var started = Stopwatch.GetTimestamp();
        var sampling = backlog.RunAsync(TimeSpan.FromMilliseconds(100));
        using (var gate = new SemaphoreSlim(maxInFlight))
        {
            var sends = new List<Task>(reports.Count);
            for (var i = 0; i < reports.Count; i++)
            {
                var due = started + (long)(i * spacing);
                var ahead = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (ahead > TimeSpan.FromMilliseconds(1)) await Task.Delay(ahead);
                await gate.WaitAsync();
                driver.EnterRound(reports[i].Round);
                sends.Add(ReleaseAfter(driver.SendAsync(reports[i].Report), gate));
            }
            await Task.WhenAll(sends);
        }
        var lastAccepted = Stopwatch.GetTimestamp();
        var achieved = points / Stopwatch.GetElapsedTime(started, lastAccepted).TotalSeconds;
        backlog.Stop();
        await sampling;
        var missing = await DrainAsync(anomalous);
        var drainMs = Math.Round(Stopwatch.GetElapsedTime(lastAccepted).TotalMilliseconds);
        var latencies = new List<double>(anomalous.Count);
        foreach (var anomalousHost in anomalous)
        {
            if (!driver.TryGetAccepted(anomalousHost, out var acceptedAt) || !receiver.TryGetArrival(anomalousHost, out var arrived)) continue;
            // The webhook can beat the push's response home (detect runs once access handed the points on): 0, not negative.
            latencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(acceptedAt, arrived).TotalMilliseconds));
        }
        latencies.Sort();
        var (start, end) = backlog.StartAndEnd();
        return new PacedResult(achieved, Percentile(latencies, 50), Percentile(latencies, 99), Percentile(latencies, 100),
            latencies.Count, missing, start, end, drainMs);
    }

    /// <summary>Sends round 0 of the phase (new hosts, first anomalies: activations and JIT), waits it out, builds the rest.</summary>
    private async Task<List<(int Round, PushRound Report)>> WarmUpAndPrepareAsync(string phase, int firstRound, int rounds)
    {
        var warmUp = Enumerable.Range(0, tables.Length).Select(k => PushRound.Build(tables[k], phase, k, series, 0, driver.TimeOf(firstRound))).ToList();
        driver.EnterRound(firstRound);
        _expectedDetected += (long)tables.Length * series;
        await Task.WhenAll(warmUp.Select(driver.SendAsync));
        await DrainAsync(warmUp.SelectMany(r => r.AnomalousHosts).ToList());
        var reports = new List<(int, PushRound)>(rounds * tables.Length);
        for (var r = 1; r <= rounds; r++)
        {
            for (var k = 0; k < tables.Length; k++) reports.Add((firstRound + r, PushRound.Build(tables[k], phase, k, series, r, driver.TimeOf(firstRound + r))));
        }
        return reports;
    }

    /// <summary>Waits until detect evaluated every point sent and each anomalous host's webhook came, within the bound; returns the webhooks missing.</summary>
    private async Task<int> DrainAsync(List<string> anomalousHosts)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (host.Counters.DetectedRecords >= _expectedDetected && Missing(anomalousHosts) == 0) return 0;
            await Task.Delay(5);
        }
        var counters = host.Counters;
        Console.WriteLine($"drain timed out: detected {counters.DetectedRecords:N0} of {_expectedDetected:N0}, anomalies {counters.Anomalies:N0}, events {counters.Events:N0}, webhooks {receiver.Received:N0}");
        return Missing(anomalousHosts);
    }

    private int Missing(List<string> anomalousHosts) => anomalousHosts.Count(h => !receiver.TryGetArrival(h, out _));

    private static async Task ReleaseAfter(Task send, SemaphoreSlim gate)
    {
        try
        {
            await send;
        }
        finally
        {
            gate.Release();
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)], 1);
}

internal sealed record SaturationResult(long Points, double PointsPerSecond, double AcceptedPerSecond, int Webhooks, int Missing);

internal sealed record PacedResult(double AchievedRate, double P50Ms, double P99Ms, double MaxMs, int Webhooks, int Missing,
    long BacklogStart, long BacklogEnd, double DrainMs);
