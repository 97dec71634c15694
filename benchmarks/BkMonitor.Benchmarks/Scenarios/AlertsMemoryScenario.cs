using BkMonitor.GrainInterfaces.Alerts;
using System.Diagnostics;
using System.Text.Json;
using BkMonitor.Benchmarks.Hosting;
using BkMonitor.Benchmarks.Measurement;
using BkMonitor.GrainInterfaces.Pipeline;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Grains.Actions;
using BkMonitor.Grains.Alerts;
using BkMonitor.Grains.Hosting;
using BkMonitor.Grains.Trigger;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Storage;
using BkMonitor.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// Managed heap per open alert: N events of N distinct hosts (made by the real detect algorithms and trigger) go
/// onto <c>alert_event</c> as the trigger grain publishes them; each opens an alert (alert grain activation, its
/// state, an index row, a watch by its strategy's alert manager) and announces it on <c>action_notice</c> (the action
/// grain activates, records the signal and, the strategy having no actions, lets its activation go; an alert whose
/// strategy sends notices keeps it while its repeat polls run, about 1.5 KB more). Alert, action and watch list states are serialized but not kept, not even as a per-grain record
/// (the store is a database, not silo memory).
/// Baseline, same run: the bare alert records the state machine makes for the same events, and index rows for them.
/// </summary>
public static class AlertsMemoryScenario
{
    private const long T0 = 1_700_000_040;
    private const long StrategyId = 1;
    private const int BatchPerTime = 4000;
    private const int InFlight = 256;
    private const int TargetBytes = 4096;

    public static async Task<object> RunAsync(string[] args)
    {
        var alerts = ScenarioArgs.Int(args, 0, "BKBENCH_ALERTS", 100_000);
        var baselineCount = Math.Min(alerts, ScenarioArgs.Int(args, 1, "BKBENCH_ALERTS_BASELINE", 20_000));
        var warmUp = Math.Min(alerts, 1000);
        var batches = (alerts + BatchPerTime - 1) / BatchPerTime + 2;
        var now = T0 + batches * 60L + 70;

        var bare = AlertRecordBaseline.Measure(baselineCount, BatchPerTime, T0 + 60, now);
        Console.WriteLine($"baseline: {bare.Record:N0} bytes per bare alert record (its top event {bare.TopEvent:N0}, of which extra {bare.Extra:N0}), {bare.IndexRow:N0} per index row");

        var json = new JsonGrainStateSerializer();
        var storage = new DiscardingGrainStorage(new MemoryGrainStorage(ProviderNames.DefaultStorage, json), json,
            typeof(AlertGrainState), typeof(ActionGrainState), typeof(AlertWatchListGrainState));
        await using var cluster = await TestCluster.StartAsync(o =>
        {
            o.TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now));
            o.ConfigureSilo = silo => silo
                .AddGrainStorage(ProviderNames.DefaultStorage, "discarding", _ => storage)
                .UseInMemoryReminderService()
                .AddMemoryStreams()
                // One strategy opens them all: QoS (200 new alerts a minute per strategy) would block the rest.
                .AddAlarmSecondHalf(alarm => alarm.QosThreshold = 0)
                .AddBkMonitorGrains();
        });
        var saved = await cluster.GrainFactory.GetGrain<IStrategyGrain>(StrategyId)
            .SaveAsync(JsonDocument.Parse(BenchTriggerEvents.StrategyJson(StrategyId)).RootElement, StrategySaveMode.Create);
        if (saved.Status != StrategySaveStatus.Created) throw new InvalidOperationException($"strategy: {saved.Status}");
        var streams = cluster.Silos[0].Services.GetRequiredKeyedService<IStreamProvider>(ProviderNames.DefaultStreams);
        BenchTriggerEvents? events = new(StrategyId);

        await OpenAsync(streams, storage, events, "w", warmUp, T0);
        var before = HeapSize.Settled();
        var storedBefore = storage.DiscardedBytes;
        var started = Stopwatch.GetTimestamp();
        await OpenAsync(streams, storage, events!, "a", alerts, T0 + 60);
        var elapsed = Stopwatch.GetElapsedTime(started);
        events = null; // its trigger windows are not the silo's
        var after = HeapSize.Settled();
        var perAlert = (after - before) / (double)alerts;
        Console.WriteLine($"alert watch list writes: {storage.WritesOf(typeof(AlertWatchListGrainState)):N0}");
        Console.WriteLine($"{alerts:N0} alerts opened in {elapsed.TotalSeconds:0.0} s; heap {before / 1048576.0:N0} → {after / 1048576.0:N0} MiB: {perAlert:N0} bytes per alert");
        await HoldForHeapDumpAsync();
        GC.KeepAlive(cluster);
        return new
        {
            Scenario = "alerts_memory",
            Alerts = alerts,
            BytesPerAlert = Math.Round(perAlert),
            BaselineRecordBytes = Math.Round(bare.Record),
            BaselineIndexRowBytes = Math.Round(bare.IndexRow),
            RecordTopEventBytes = Math.Round(bare.TopEvent),
            TopEventExtraBytes = Math.Round(bare.Extra),
            StoredBytesPerAlert = Math.Round((storage.DiscardedBytes - storedBefore) / (double)alerts),
            TargetBytes,
            Ratio = Math.Round(perAlert / bare.Record, 2),
            AlertsPerS = Math.Round(alerts / elapsed.TotalSeconds),
        };
    }

    /// <summary>Publishes one event per new host and waits until every one's action grain wrote its state.</summary>
    private static async Task OpenAsync(IStreamProvider streams, DiscardingGrainStorage storage, BenchTriggerEvents events, string prefix, int count, long firstTime)
    {
        var target = storage.WritesOf(typeof(ActionGrainState)) + count;
        using var gate = new SemaphoreSlim(InFlight);
        for (var first = 0; first < count; first += BatchPerTime)
        {
            var batch = events.Build(prefix, first, Math.Min(BatchPerTime, count - first), firstTime + first / BatchPerTime * 60L);
            var sends = new List<Task>(batch.Count);
            foreach (var monitorEvent in batch)
            {
                await gate.WaitAsync();
                var stream = streams.GetStream<TriggerEvent>(StreamId.Create(PipelineStreams.AlertEvent, AlertGrainKey.Of(monitorEvent.StrategyId, EventDedupe.Md5(monitorEvent))));
                sends.Add(PublishAsync(stream, monitorEvent, gate));
            }
            await Task.WhenAll(sends);
        }
        var deadline = Stopwatch.GetTimestamp() + 300 * Stopwatch.Frequency;
        while (storage.WritesOf(typeof(ActionGrainState)) < target)
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"{storage.WritesOf(typeof(ActionGrainState)):N0} action states written, {target:N0} expected");
            await Task.Delay(20);
        }
    }

    private static async Task PublishAsync(IAsyncStream<TriggerEvent> stream, TriggerEvent monitorEvent, SemaphoreSlim gate)
    {
        try
        {
            await stream.OnNextAsync(monitorEvent);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>BKBENCH_HOLD_S seconds to take a heap dump of the measured state (dotnet-gcdump collect -p PID).</summary>
    private static async Task HoldForHeapDumpAsync()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("BKBENCH_HOLD_S"), out var seconds) || seconds <= 0) return;
        Console.WriteLine($"holding {seconds} s for a heap dump of pid {Environment.ProcessId}");
        await Task.Delay(TimeSpan.FromSeconds(seconds));
    }
}
