using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Runtime;

public sealed class MetricsTests
{
    public MetricsTests() => HandWrittenGrains.Register();

    [Fact]
    public async Task Calls_activations_failures_and_timeouts_are_counted_on_the_silo_meter()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(1));
        var silo = cluster.Silos[0];
        using var listener = new SiloMeterListener(silo);
        var a = cluster.GrainFactory.GetGrain<ILifecycleGrain>(GrainProbe.NewKey("metrics"));
        var b = cluster.GrainFactory.GetGrain<ILifecycleGrain>(GrainProbe.NewKey("metrics"));
        var hangKey = GrainProbe.NewKey("metrics-hang");
        var hanging = cluster.GrainFactory.GetGrain<IBlockingGrain>(hangKey);

        await a.Ping();
        await a.Ping();
        await b.Ping();
        await Assert.ThrowsAsync<InvalidOperationException>(() => b.Throw("x"));
        var hang = hanging.Hang();
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => hang);
        GrainProbe.For(hangKey).Never.SetResult();

        Assert.Equal(5, listener.Sum(InstrumentNames.Calls));
        Assert.Equal(2, listener.Sum(InstrumentNames.CallFailures));
        Assert.Equal(1, listener.Sum(InstrumentNames.CallTimeouts));
        Assert.Equal(3, listener.Sum(InstrumentNames.ActivationsCreated));
        Assert.Equal(3, listener.Sum(InstrumentNames.ActivationsCurrent));
        Assert.Equal(5, listener.Count(InstrumentNames.CallDuration)); // failed and timed-out calls are measured too
    }

    [Fact]
    public async Task Idle_collection_and_timer_ticks_are_counted()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.CollectionAge = TimeSpan.FromMinutes(10));
        using var listener = new SiloMeterListener(cluster.Silos[0]);
        var key = GrainProbe.NewKey("metrics-timer");
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>(key);

        await grain.StartTimer(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(1));
        await grain.Ticks();
        var activation = Assert.Single(cluster.Silos[0].Catalog.Activations);
        cluster.FakeTime.Advance(TimeSpan.FromMinutes(11));
        await activation.WhenDeactivated();

        Assert.Equal(1, listener.Sum(InstrumentNames.TimerTicks));
        Assert.Equal(1, listener.Sum(InstrumentNames.ActivationsCollected));
        Assert.Equal(1, listener.Sum(InstrumentNames.ActivationsCreated));
        Assert.Equal(0, listener.Sum(InstrumentNames.ActivationsCurrent));
    }

    [Fact]
    public async Task Grain_calls_produce_activities()
    {
        var key = GrainProbe.NewKey("traced");
        var seen = new ConcurrentBag<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == InstrumentNames.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("bkmonitor.grain_id") as string == $"rt-lifecycle/{key}")
                {
                    seen.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        await using var cluster = await TestCluster.StartAsync();

        await cluster.GrainFactory.GetGrain<ILifecycleGrain>(key).Ping();

        var activity = Assert.Single(seen);
        Assert.EndsWith("ILifecycleGrain.Ping", activity.DisplayName);
        Assert.Equal(ActivityStatusCode.Ok, activity.Status);
    }

    [Fact]
    public async Task Prometheus_exporter_renders_the_runtime_instruments_of_a_silo()
    {
        using var exporter = new PrometheusExporter(InstrumentNames.MeterName);
        await using var cluster = await TestCluster.StartAsync();
        var silo = cluster.Silos[0].Address.ToString();

        await cluster.GrainFactory.GetGrain<ILifecycleGrain>(GrainProbe.NewKey("prom")).Ping();
        await cluster.GrainFactory.GetGrain<ILifecycleGrain>(GrainProbe.NewKey("prom")).Ping();
        var lines = exporter.Render().Split('\n');

        Assert.Contains("# TYPE bkmonitor_runtime_calls_total counter", lines);
        Assert.Contains("# HELP bkmonitor_runtime_calls_total Grain calls sent by this silo.", lines);
        Assert.Contains($"bkmonitor_runtime_calls_total{{silo=\"{silo}\"}} 2", lines);
        Assert.Contains("# TYPE bkmonitor_runtime_activations gauge", lines);
        Assert.Contains($"bkmonitor_runtime_activations{{silo=\"{silo}\"}} 2", lines);
        Assert.Contains("# TYPE bkmonitor_runtime_call_duration_seconds histogram", lines);
        Assert.Contains($"bkmonitor_runtime_call_duration_seconds_count{{silo=\"{silo}\"}} 2", lines);
        Assert.Contains($"bkmonitor_runtime_call_duration_seconds_bucket{{silo=\"{silo}\",le=\"+Inf\"}} 2", lines);
    }

    [Fact]
    public async Task AddPrometheusMetrics_registers_an_exporter_listening_from_silo_start()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.ConfigureSilo = silo => silo.AddPrometheusMetrics(InstrumentNames.MeterName));
        var silo = cluster.Silos[0];

        await cluster.GrainFactory.GetGrain<ILifecycleGrain>(GrainProbe.NewKey("prom-di")).Ping();
        var text = silo.Services.GetRequiredService<PrometheusExporter>().Render();

        Assert.Contains($"bkmonitor_runtime_activations_created_total{{silo=\"{silo.Address}\"}} 1\n", text);
    }

    [Fact]
    public void Prometheus_exporter_renders_counters_gauges_and_histograms_in_text_format()
    {
        var meterName = $"BkMonitor.Test.{Guid.NewGuid():N}";
        using var exporter = new PrometheusExporter(meterName);
        using var meter = new Meter(meterName);
        var requests = meter.CreateCounter<long>("test.requests", description: "Requests \"served\"\nby path");
        var queue = meter.CreateUpDownCounter<int>("test.queue.depth");
        var size = meter.CreateHistogram("test.size", "By", "Payload size", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 100] });
        meter.CreateObservableGauge("test.temperature", () => 21.5);

        requests.Add(3, new KeyValuePair<string, object?>("path", "/a\"b"));
        requests.Add(4, new KeyValuePair<string, object?>("path", "/a\"b"));
        requests.Add(1, new KeyValuePair<string, object?>("path", "/c"));
        queue.Add(5);
        queue.Add(-2);
        size.Record(5);
        size.Record(50);
        size.Record(500);

        Assert.Equal(
            """
            # HELP test_queue_depth test.queue.depth
            # TYPE test_queue_depth gauge
            test_queue_depth 3
            # HELP test_requests_total Requests "served"\nby path
            # TYPE test_requests_total counter
            test_requests_total{path="/a\"b"} 7
            test_requests_total{path="/c"} 1
            # HELP test_size_bytes Payload size
            # TYPE test_size_bytes histogram
            test_size_bytes_bucket{le="10"} 1
            test_size_bytes_bucket{le="100"} 2
            test_size_bytes_bucket{le="+Inf"} 3
            test_size_bytes_sum 555
            test_size_bytes_count 3
            # HELP test_temperature test.temperature
            # TYPE test_temperature gauge
            test_temperature 21.5

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            exporter.Render());
    }

    /// <summary>Sums the measurements of one silo's meter by instrument name.</summary>
    private sealed class SiloMeterListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, double> _sums = new();
        private readonly ConcurrentDictionary<string, int> _counts = new();

        public SiloMeterListener(Silo silo)
        {
            var meter = silo.Instruments.Meter;
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, _, _) => Add(i.Name, v));
            _listener.SetMeasurementEventCallback<double>((i, v, _, _) => Add(i.Name, v));
            _listener.Start();
        }

        public double Sum(string name) => _sums.GetValueOrDefault(name);

        public int Count(string name) => _counts.GetValueOrDefault(name);

        public void Dispose() => _listener.Dispose();

        private void Add(string name, double value)
        {
            _sums.AddOrUpdate(name, value, (_, sum) => sum + value);
            _counts.AddOrUpdate(name, 1, (_, n) => n + 1);
        }
    }
}
