using System.Diagnostics;
using BkMonitor.Benchmarks.Hosting;
using BkMonitor.Benchmarks.Measurement;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// push (<c>POST /v2/push/</c> over Kestrel) → detect → trigger → alert → webhook (a Kestrel receiver in the same
/// process) on one silo. T tables (a data source and a threshold strategy each) × S hosts, one report per table per
/// round, 1% of the points anomalous, each anomalous host opening its own alert and so one webhook.
/// Phase 1 saturates (reports sent as fast as 8 in flight allow) and gives points/s until everything is detected and
/// every webhook came. Phase 2 offers a fixed rate (reports sent on a schedule, open loop) and gives the latency from
/// push accepted to webhook received per anomalous host, the rate achieved and the detect backlog at its start and end.
/// Baseline: the same points evaluated by the compiled algorithms in a loop, before and after (mean).
/// </summary>
public static class PipelineScenario
{
    private const long T0 = 1_700_000_040;
    private const int SaturationInFlight = 8;
    private const int MaxInFlight = 256;

    public static async Task<object> RunAsync(string[] args)
    {
        var rounds = ScenarioArgs.Int(args, 0, "BKBENCH_PIPELINE_ROUNDS", 30);
        var tables = ScenarioArgs.Int(args, 1, "BKBENCH_PIPELINE_TABLES", 20);
        var series = ScenarioArgs.Int(args, 2, "BKBENCH_PIPELINE_SERIES", 500);
        var rate = ScenarioArgs.Int(args, 3, "BKBENCH_PIPELINE_RATE", 10_000);
        var saturationRounds = ScenarioArgs.Int(args, 4, "BKBENCH_PIPELINE_SATURATION_ROUNDS", 20);
        var waitSeconds = ScenarioArgs.Int(args, 5, "BKBENCH_PIPELINE_WAIT_S", 30);
        // Each host is anomalous once per 100 rounds; a phase (warm-up round included) must not reuse a host.
        if (rounds >= PushRound.AnomalyEvery || saturationRounds >= PushRound.AnomalyEvery) throw new ArgumentException("at most 99 rounds per phase");

        var baselineBefore = DetectLoopBaseline.PointsPerSecond(tables, series, Math.Max(rounds, saturationRounds));
        Console.WriteLine($"baseline: {baselineBefore:N0} points/s");

        await using var receiver = new WebhookArrivals("tags_host");
        await receiver.StartAsync();
        await using var host = await AlarmBenchHost.StartAsync(T0 + 70);
        var config = await host.CreateWebhookAsync(receiver.Url);
        var targets = new BenchTable[tables];
        for (var k = 0; k < tables; k++) targets[k] = await host.CreateTableAsync(config);
        var run = new PipelineRun(host, receiver, new PushDriver(host, T0), targets, series, TimeSpan.FromSeconds(waitSeconds));

        using var thrown = new FirstChanceExceptions();
        var saturation = await run.SaturateAsync("s", firstRound: 0, saturationRounds, SaturationInFlight);
        Console.WriteLine($"saturation: {saturation.PointsPerSecond:N0} points/s end to end, pushes accepted at {saturation.AcceptedPerSecond:N0} points/s, {saturation.Webhooks} webhooks, {saturation.Missing} missing");
        var paced = await run.PaceAsync("f", firstRound: saturationRounds + 1, rounds, rate, MaxInFlight);
        Console.WriteLine($"fixed rate: {paced.AchievedRate:N0} of {rate:N0} points/s, e2e p50 {paced.P50Ms} ms p99 {paced.P99Ms} ms, backlog {paced.BacklogStart:N0} → {paced.BacklogEnd:N0} points, drained {paced.DrainMs} ms after the last push");

        Console.WriteLine($"exceptions thrown while measuring: {thrown.Summary()}");
        var baselineAfter = DetectLoopBaseline.PointsPerSecond(tables, series, Math.Max(rounds, saturationRounds));
        Console.WriteLine($"baseline after the pipeline: {baselineAfter:N0} points/s");
        var baseline = (baselineBefore + baselineAfter) / 2;
        return new
        {
            Scenario = "pipeline",
            Tables = tables,
            Series = series,
            PointsPerS = Math.Round(saturation.PointsPerSecond),
            AcceptedPointsPerS = Math.Round(saturation.AcceptedPerSecond),
            SaturationPoints = saturation.Points,
            SaturationMissing = saturation.Missing,
            TargetRate = rate,
            AchievedRate = Math.Round(paced.AchievedRate),
            E2eP50Ms = paced.P50Ms,
            E2eP99Ms = paced.P99Ms,
            E2eMaxMs = paced.MaxMs,
            Webhooks = paced.Webhooks,
            Missing = paced.Missing,
            BacklogStart = paced.BacklogStart,
            BacklogEnd = paced.BacklogEnd,
            BacklogGrowth = paced.BacklogEnd - paced.BacklogStart,
            DrainMs = paced.DrainMs,
            BaselinePointsPerS = Math.Round(baseline),
            Ratio = Math.Round(saturation.PointsPerSecond / baseline, 4),
        };
    }
}
