using BkMonitor.GrainInterfaces.Alerts;
using System.Text.Json;
using BkMonitor.GrainInterfaces.Pipeline;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.Hosting;
using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.IntegrationTests.Pipeline;

/// <summary>A strategy whose item is PromQL against a real Prometheus scraping a local target, through detect and trigger.</summary>
public sealed class PrometheusPipelineTests(PrometheusFixture prometheus) : IClassFixture<PrometheusFixture>
{
    private const long StrategyId = 31;

    [Fact]
    public async Task A_prometheus_strategy_pulls_detects_and_emits_an_event()
    {
        prometheus.Expose("""
            # TYPE bkm_cpu gauge
            bkm_cpu{host="p1"} 95
            bkm_cpu{host="p2"} 20
            """);
        await using var cluster = await TestCluster.StartAsync(options =>
        {
            options.TimeProvider = TimeProvider.System; // Prometheus answers for real time
            options.ConfigureSilo = silo => silo
                .AddMemoryGrainStorage()
                .UseInMemoryReminderService()
                .AddMemoryStreams()
                .AddBkMonitorGrains(pipeline => pipeline.PrometheusUrl = prometheus.BaseAddress);
        });
        // Listen where trigger publishes the host p1 alert: alert_event keyed by "{strategy}.{count_md5([strategy, target_type, target, biz, host])}".
        var key = AlertGrainKey.Of(StrategyId, CountMd5.Of(new object?[] { StrategyId, "", null, 2L, "p1" }));
        var received = new TaskCompletionSource<TriggerEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var streams = cluster.Silos[0].Services.GetRequiredKeyedService<IStreamProvider>(ProviderNames.DefaultStreams);
        await streams.GetStream<TriggerEvent>(StreamId.Create(PipelineStreams.AlertEvent, key))
            .SubscribeAsync((e, _) => { received.TrySetResult(e); return Task.CompletedTask; });

        var strategy = cluster.GrainFactory.GetGrain<IStrategyGrain>(StrategyId);
        var saved = await strategy.SaveAsync(JsonDocument.Parse(StrategyJson).RootElement, StrategySaveMode.Create);
        Assert.Equal(StrategySaveStatus.Created, saved.Status);

        // Prometheus has data only once it scraped and access only reads periods that ended 10 s ago: run access
        // (what the reminder does every interval) until the event comes, within a bound.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!received.Task.IsCompleted)
        {
            await strategy.RunAccessAsync();
            await Task.WhenAny(received.Task, Task.Delay(TimeSpan.FromSeconds(1), deadline.Token));
        }
        var monitorEvent = await received.Task;
        Assert.Equal((StrategyId, 1, "p1"), (monitorEvent.StrategyId, monitorEvent.Severity, monitorEvent.Dimensions["host"]));
        Assert.Equal(95, monitorEvent.Extra.CurrentValue);
        Assert.Equal(0, monitorEvent.Time % 5);
        Assert.StartsWith($"{CountMd5.Of(new Dictionary<string, string> { ["host"] = "p1" })}.{monitorEvent.Time}.{StrategyId}.", monitorEvent.EventId);
    }

    private const string StrategyJson = """
        {
          "bk_biz_id": 2, "name": "scraped cpu high", "scenario": "kubernetes",
          "items": [{
            "name": "cpu",
            "algorithms": [{"type": "Threshold", "level": 1, "config": [[{"threshold": 90, "method": "gte"}]]}],
            "query_configs": [{"data_source_label": "prometheus", "data_type_label": "time_series",
                               "promql": "max_over_time(bkm_cpu[5s])", "agg_interval": 5, "agg_dimension": ["host"]}]
          }],
          "detects": [{"level": 1, "trigger_config": {"count": 1, "check_window": 1}, "recovery_config": {"check_window": 5}}]
        }
        """;
}
