using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
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
/// rounds are then run again on a silo that also hosts the alert stage (<c>with_alert_stage_*</c>): every one of
/// its 2% anomalies opens an alert there, so that run measures alert creation as much as detection.
/// Baseline: the same points evaluated by the same compiled algorithms called directly in a loop, measured before,
/// between and after the two runs; each run's ratio uses the mean of the baselines around it.
/// </summary>
public static class DetectScenario
{
    private const long T0 = 1_700_000_040;
    private const int Interval = 60;

    public static async Task<object> RunAsync(string[] args)
    {
        var rounds = Arg(args, 0, 6);
        var strategies = Arg(args, 1, 1000);
        var series = Arg(args, 2, 100);

        // The machines are shared and their load drifts: the baseline is measured around each run.
        var baselineBefore = Baseline(rounds, strategies, series);
        Console.WriteLine($"baseline: {baselineBefore:N0} points/s");
        var firstHalf = await RunPipelineAsync(rounds, strategies, series, withAlertStage: false);
        var baselineBetween = Baseline(rounds, strategies, series);
        Console.WriteLine($"baseline: {baselineBetween:N0} points/s");
        var withAlerts = await RunPipelineAsync(rounds, strategies, series, withAlertStage: true);
        var baselineAfter = Baseline(rounds, strategies, series);
        Console.WriteLine($"baseline: {baselineAfter:N0} points/s");
        var baseline = (baselineBefore + baselineBetween) / 2;
        var baselineWithAlerts = (baselineBetween + baselineAfter) / 2;
        return new
        {
            Scenario = "detect",
            Strategies = strategies,
            Series = series,
            Points = firstHalf.Points,
            PointsPerS = Math.Round(firstHalf.PointsPerSecond),
            BaselinePointsPerS = Math.Round(baseline),
            Ratio = Math.Round(firstHalf.PointsPerSecond / baseline, 3),
            Anomalies = firstHalf.Anomalies,
            Events = firstHalf.Events,
            AllocatedBytesPerPoint = Math.Round(firstHalf.AllocatedPerPoint),
            WithAlertStagePointsPerS = Math.Round(withAlerts.PointsPerSecond),
            WithAlertStageRatio = Math.Round(withAlerts.PointsPerSecond / baselineWithAlerts, 3),
            WithAlertStageEvents = withAlerts.Events,
        };
    }

    private sealed record PipelineRun(long Points, double PointsPerSecond, long Anomalies, long Events, double AllocatedPerPoint);

    private static async Task<PipelineRun> RunPipelineAsync(int rounds, int strategies, int series, bool withAlertStage)
    {
        var points = (long)rounds * strategies * series;
        var hosts = Enumerable.Range(0, series).Select(j => new SeriesKey([new("host", $"h{j}")])).ToArray();
        var alertStage = GrainTypeRegistry.Classes
            .Where(c => c.ImplicitStreamNamespaces.Contains(PipelineStreams.AlertEvent, StringComparer.Ordinal))
            .Select(c => c.GrainType).ToList();

        // Rounds 0 (warm-up: activations, first history) and 1..rounds (measured); the clock stands just after the last.
        var store = new TimeSeriesStore(TimeSpan.FromDays(1));
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(T0 + (rounds + 1) * Interval + 10));
        await using var cluster = await TestCluster.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.ConfigureSilo = silo => silo
                .AddMemoryGrainStorage()
                .UseInMemoryReminderService()
                .AddMemoryStreams(configure: streams =>
                {
                    if (!withAlertStage) streams.ExcludedImplicitSubscribers.UnionWith(alertStage);
                })
                .AddBkMonitorGrains(p => p.Store = store);
        });
        var counters = cluster.Silos[0].Services.GetRequiredService<PipelineCounters>();
        var grains = Enumerable.Range(1, strategies).Select(i => cluster.GrainFactory.GetGrain<IStrategyGrain>(i)).ToArray();
        await Task.WhenAll(grains.Select((g, i) => Create(g, i + 1)));

        var ingest = Stopwatch.StartNew();
        for (var r = 0; r <= rounds; r++) Append(store, r, strategies, hosts, clock);
        ingest.Stop();

        await PushRoundAsync(grains, 0);
        await DrainAsync(counters, (long)strategies * series);
        var before = (Anomalies: counters.Anomalies, Events: counters.Events);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gcs = GC.CollectionCount(0);
        var sw = Stopwatch.StartNew();
        for (var r = 1; r <= rounds; r++) await PushRoundAsync(grains, r);
        await DrainAsync(counters, (rounds + 1L) * strategies * series);
        sw.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var run = new PipelineRun(points, points / sw.Elapsed.TotalSeconds, counters.Anomalies - before.Anomalies, counters.Events - before.Events,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)points);
        var stages = withAlertStage ? "access, detect, trigger and the alert stage" : "access, detect, trigger";
        Console.WriteLine($"{stages}: {run.PointsPerSecond:N0} points/s ({points:N0} points, {run.Anomalies:N0} anomalies, {run.Events:N0} events, " +
            $"{sw.Elapsed.TotalSeconds:0.00} s); cpu {cpu.TotalSeconds:0.00} s ({cpu / sw.Elapsed:0.00} cores), {GC.CollectionCount(0) - gcs} gen0 GCs; " +
            $"ingest into the store {points / ingest.Elapsed.TotalSeconds * (rounds / (rounds + 1.0)):N0} points/s");
        return run;
    }

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

    private static double Baseline(int rounds, int strategies, int series)
    {
        var sets = new AlgorithmSet[strategies + 1];
        var histories = new InMemoryHistorySource[strategies + 1];
        for (var s = 1; s <= strategies; s++)
        {
            var strategy = JsonSerializer.Deserialize<Strategy>(StrategyJson(s), GrainInterfaces.Strategies.StrategyJson.Options)!;
            var connectors = strategy.Detects.ToDictionary(d => d.Level, d => d.Connector);
            sets[s] = AlgorithmSet.Compile(StrategyDetector.SpecOf(s, strategy.Items[0] with { Id = 1 }, connectors));
            histories[s] = new InMemoryHistorySource();
        }
        var dims = Enumerable.Range(0, series).Select(j => new Dictionary<string, string> { ["host"] = $"h{j}" }).ToArray();
        var md5 = dims.Select(d => CountMd5.Of(d)).ToArray();
        var elapsed = TimeSpan.Zero;
        var anomalies = new List<AnomalyRecord>();
        for (var r = 0; r <= rounds; r++)
        {
            var t = T0 + r * Interval;
            var batches = new List<DataPointRecord>[strategies + 1];
            for (var s = 1; s <= strategies; s++)
            {
                batches[s] = new List<DataPointRecord>(series);
                for (var j = 0; j < series; j++)
                {
                    var value = Value(s, j, r);
                    histories[s].Record(md5[j], t, value);
                    batches[s].Add(new DataPointRecord { RecordId = string.Concat(md5[j], ".", t.ToString(CultureInfo.InvariantCulture)), Value = value, Dimensions = dims[j], Time = t });
                }
            }
            var sw = Stopwatch.StartNew();
            for (var s = 1; s <= strategies; s++) sets[s].Detect(batches[s], histories[s], t + 70, anomalies);
            if (r > 0) elapsed += sw.Elapsed; // round 0 warms up, as in the pipeline run
            anomalies.Clear();
        }
        return (double)rounds * strategies * series / elapsed.TotalSeconds;
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
