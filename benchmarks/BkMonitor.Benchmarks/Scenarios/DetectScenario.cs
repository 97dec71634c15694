using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using BkMonitor.Benchmarks.Measurement;
using BkMonitor.Grains.Actions;
using BkMonitor.Grains.Alerts;
using BkMonitor.Grains.Trigger;
using BkMonitor.Runtime.Storage;
using BkMonitor.Runtime.Streams;
using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Pipeline;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Detect;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.Hosting;
using BkMonitor.Grains.TimeSeries;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// Points/s through access → detect → trigger on one silo: N strategies (Threshold at level 1, SimpleRingRatio at
/// level 2) × M series, one point per series per period, pushed period after period. The measured silo hosts these
/// three stages: the events trigger publishes on alert_event are queued and pumped, but the alert stage (the
/// implicit subscribers of alert_event, the issue's second half) is left out of its stream provider. The same
/// rounds are then run on a silo that also hosts the alert stage (<c>with_alert_stage_*</c>): each of its 2% anomalies
/// opens an alert there, so that run measures alert creation as much as detection.
/// A run warms up over its first rounds, then measures passes of consecutive rounds (the windows and histories
/// grow as towards a steady state); a smaller silo runs the same rounds first, untimed, so the JIT has compiled and
/// tiered the code before any pass. Baseline (<see cref="DetectBaselineLoop"/>): the same points evaluated by the same
/// compiled algorithms called directly in a loop. The machines are shared and their speed drifts by a quarter
/// within a minute, so each pipeline pass is paired with a baseline pass timed just before it: a run's figure is
/// its median pass, its ratio the median of its passes' ratios.
/// </summary>
public static class DetectScenario
{
    private const long T0 = 1_700_000_040;
    private const int Interval = 60;
    private const int WarmUpRounds = 10;

    public static async Task<object> RunAsync(string[] args)
    {
        var rounds = Arg(args, 0, 6);
        var strategies = Arg(args, 1, 1000);
        var series = Arg(args, 2, 100);
        var passes = Arg(args, 3, 3);
        if (rounds < 1 || passes < 1 || WarmUpRounds + rounds * passes >= 30)
        {
            // The clock stands after the last round and access drops points older than 30 periods (1800 s).
            throw new ArgumentException($"detect: rounds ({rounds}) × passes ({passes}) must be at least 1 and below {30 - WarmUpRounds}.");
        }

        var baseline = new DetectBaselineLoop(rounds, strategies, series, T0, Interval, StrategyJson, Value);
        // A smaller throwaway silo first, with every stage: the process's code is compiled and tiered up before
        // anything is timed (a silo in production runs far longer than its JIT's warm-up).
        await RunPipelineAsync(rounds, passes, Math.Max(1, strategies / 5), series, baseline, withAlertStage: true, label: "warm-up silo");
        var firstHalf = await RunPipelineAsync(rounds, passes, strategies, series, baseline, withAlertStage: false);
        var withAlerts = await RunPipelineAsync(rounds, passes, strategies, series, baseline, withAlertStage: true);
        var baselines = firstHalf.BaselinePasses.Concat(withAlerts.BaselinePasses).ToList();
        return new
        {
            Scenario = "detect",
            Strategies = strategies,
            Series = series,
            Points = firstHalf.Points,
            PointsPerS = Math.Round(firstHalf.PointsPerSecond),
            BaselinePointsPerS = Math.Round(Median(baselines)),
            Ratio = Math.Round(firstHalf.Ratio, 3),
            Anomalies = firstHalf.Anomalies,
            Events = firstHalf.Events,
            AllocatedBytesPerPoint = Math.Round(firstHalf.AllocatedPerPoint),
            WithAlertStagePointsPerS = Math.Round(withAlerts.PointsPerSecond),
            WithAlertStageRatio = Math.Round(withAlerts.Ratio, 3),
            WithAlertStageEvents = withAlerts.Events,
        };
    }

    /// <summary>A run's figures: points and events over all passes; the median pass and the median of the pass ratios.</summary>
    private sealed record PipelineRun(long Points, double PointsPerSecond, double Ratio, List<double> BaselinePasses, long Anomalies, long Events, double AllocatedPerPoint);

    private static async Task<PipelineRun> RunPipelineAsync(int rounds, int passes, int strategies, int series, DetectBaselineLoop baseline, bool withAlertStage, string? label = null)
    {
        var totalRounds = WarmUpRounds + passes * rounds;
        var pointsPerRound = (long)strategies * series;
        var hosts = Enumerable.Range(0, series).Select(j => new SeriesKey([new("host", $"h{j}")])).ToArray();
        var alertStage = GrainTypeRegistry.Classes
            .Where(c => c.ImplicitStreamNamespaces.Contains(PipelineStreams.AlertEvent, StringComparer.Ordinal))
            .Select(c => c.GrainType).ToList();

        // The clock stands just after the last round; every round is within the access expiry (30 periods) of it.
        var store = new TimeSeriesStore(TimeSpan.FromDays(1));
        // States written per batch or per alert stand in an external store (their bytes leave the silo), as in production.
        var json = new JsonGrainStateSerializer();
        var storage = new DiscardingGrainStorage(new MemoryGrainStorage(ProviderNames.DefaultStorage, json), json,
            typeof(TriggerGrainState), typeof(AlertGrainState), typeof(ActionGrainState), typeof(AlertWatchListGrainState));
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(T0 + totalRounds * Interval + 10));
        await using var cluster = await TestCluster.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.ConfigureSilo = silo => silo
                .AddGrainStorage(ProviderNames.DefaultStorage, "discarding", _ => storage)
                .UseInMemoryReminderService()
                .AddMemoryStreams(configure: streams =>
                {
                    if (!withAlertStage) streams.ExcludedImplicitSubscribers.UnionWith(alertStage);
                })
                .AddBkMonitorGrains(p => p.Store = store);
        });
        var counters = cluster.Silos[0].Services.GetRequiredService<PipelineCounters>();
        var streams = cluster.Silos[0].Services.GetRequiredKeyedService<MemoryStreamProvider>(ProviderNames.DefaultStreams);
        var grains = Enumerable.Range(1, strategies).Select(i => cluster.GrainFactory.GetGrain<IStrategyGrain>(i)).ToArray();
        await Task.WhenAll(grains.Select((g, i) => Create(g, i + 1)));

        var ingest = Stopwatch.StartNew();
        for (var r = 0; r < totalRounds; r++) Append(store, r, strategies, hosts, clock);
        ingest.Stop();

        // Warm-up: activations, first history, code paths compiled and tiered up.
        for (var r = 0; r < WarmUpRounds; r++) await PushRoundAsync(grains, r);
        await DrainAsync(counters, WarmUpRounds * pointsPerRound);
        await streams.WhenIdleAsync();
        var settled = await JitSettledAsync();
        var compiledBefore = JitInfo.GetCompiledMethodCount();
        var before = (Anomalies: counters.Anomalies, Events: counters.Events);
        var rates = new List<double>();
        var ratios = new List<double>();
        var baselineRates = new List<double>();
        var elapsed = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        long allocated = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            baselineRates.Add(baseline.TimePass());
            var first = WarmUpRounds + pass * rounds;
            var passCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var passAllocated = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            for (var r = first; r < first + rounds; r++) await PushRoundAsync(grains, r);
            await DrainAsync(counters, (first + rounds) * pointsPerRound);
            // Every event delivered: with the alert stage, every alert opened and announced.
            await streams.WhenIdleAsync();
            sw.Stop();
            allocated += GC.GetTotalAllocatedBytes(precise: true) - passAllocated;
            cpu += Process.GetCurrentProcess().TotalProcessorTime - passCpu;
            elapsed += sw.Elapsed;
            rates.Add(rounds * pointsPerRound / sw.Elapsed.TotalSeconds);
            ratios.Add(rates[^1] / baselineRates[^1]);
        }
        var compiledDuring = JitInfo.GetCompiledMethodCount() - compiledBefore;
        var points = passes * rounds * pointsPerRound;
        var run = new PipelineRun(points, Median(rates), Median(ratios), baselineRates, counters.Anomalies - before.Anomalies, counters.Events - before.Events,
            allocated / (double)points);
        var stages = label ?? (withAlertStage ? "access, detect, trigger and the alert stage" : "access, detect, trigger");
        Console.WriteLine($"{stages}: passes {Rates(rates)} points/s (baseline passes before them {Rates(baselineRates)}; ratios " +
            $"{string.Join(", ", ratios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))}), {points:N0} points, {run.Anomalies:N0} anomalies, " +
            $"{run.Events:N0} events, {elapsed.TotalSeconds:0.00} s; cpu {cpu.TotalSeconds:0.00} s ({cpu / elapsed:0.00} cores); " +
            $"ingest into the store {totalRounds * pointsPerRound / ingest.Elapsed.TotalSeconds:N0} points/s; {settled} methods compiled after the warm-up rounds, {compiledDuring} during the passes");
        return run;
    }

    /// <summary>
    /// Waits until tiered compilation has compiled what the warm-up rounds queued (no method compiled for 300 ms, at most
    /// 30 s): the passes measure a silo past its start-up, not its JIT. Returns how many methods were compiled meanwhile.
    /// </summary>
    private static async Task<long> JitSettledAsync()
    {
        var start = JitInfo.GetCompiledMethodCount();
        var last = start;
        var quiet = 0;
        for (var waited = 0; waited < 300 && quiet < 3; waited++)
        {
            await Task.Delay(100);
            var now = JitInfo.GetCompiledMethodCount();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        return last - start;
    }

    private static string Rates(List<double> rates) => string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)));

    /// <summary>30..59 around a steady level, with one point in 50 spiking to 97: Threshold (≥ 95) and ring ratio (+50%) both flag it.</summary>
    private static double Value(int strategy, int series, int round) =>
        (series + round * 7 + strategy) % 50 == 0 ? 97 : 30 + (strategy * 7919 + series * 31) % 30;

    private static Task PushRoundAsync(IStrategyGrain[] grains, int round)
    {
        var t = T0 + round * Interval;
        return Task.WhenAll(grains.Select((g, i) => g.OnDataPushedAsync(new PushNotice
        {
            ResultTableId = Table(i + 1),
            Metrics = [new PushedMetric("cpu", t, t)],
        })));
    }

    private static void Append(TimeSeriesStore store, int round, int strategies, SeriesKey[] hosts, TimeProvider clock)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var t = T0 + round * Interval;
        for (var s = 1; s <= strategies; s++)
        {
            var table = Table(s);
            for (var j = 0; j < hosts.Length; j++) store.Append(table, "cpu", hosts[j], t, Value(s, j, round), now);
        }
    }

    /// <summary>Waits until detect evaluated every record and trigger took every anomaly detect found.</summary>
    private static async Task DrainAsync(PipelineCounters counters, long records)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (counters.DetectedRecords >= records && counters.TriggerAnomalies >= counters.Anomalies) drained.TrySetResult();
        }
        counters.Counted += Check;
        try
        {
            Check();
            await drained.Task.WaitAsync(TimeSpan.FromMinutes(10));
        }
        finally
        {
            counters.Counted -= Check;
        }
    }

    private static async Task Create(IStrategyGrain grain, int id)
    {
        var result = await grain.SaveAsync(JsonDocument.Parse(StrategyJson(id)).RootElement, StrategySaveMode.Create);
        if (result.Status != StrategySaveStatus.Created) throw new InvalidOperationException($"strategy {id}: {result.Status} {string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Table(int strategy) => $"2_bkmonitor_time_series_bench{strategy}.__default__";

    private static string StrategyJson(int id) => $$$"""
        {
          "id": {{{id}}}, "bk_biz_id": 2, "name": "bench {{{id}}}", "scenario": "os",
          "items": [{
            "name": "cpu",
            "algorithms": [
              {"type": "Threshold", "level": 1, "config": [[{"threshold": 95, "method": "gte"}]]},
              {"type": "SimpleRingRatio", "level": 2, "config": {"ceil": 50, "floor": null}}
            ],
            "query_configs": [{"data_source_label": "custom", "data_type_label": "time_series",
                               "result_table_id": "{{{Table(id)}}}", "metric_field": "cpu", "agg_method": "avg",
                               "agg_interval": {{{Interval}}}, "agg_dimension": ["host"]}]
          }],
          "detects": [
            {"level": 1, "trigger_config": {"count": 3, "check_window": 5}, "recovery_config": {"check_window": 5}},
            {"level": 2, "trigger_config": {"count": 1, "check_window": 1}, "recovery_config": {"check_window": 5}}
          ]
        }
        """;

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
