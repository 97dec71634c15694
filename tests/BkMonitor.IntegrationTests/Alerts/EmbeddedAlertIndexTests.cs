using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Pipeline;
using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Grains.Alerts;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Testing;
using BkMonitor.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.IntegrationTests.Alerts;

/// <summary>
/// The embedded wiring on a real SQLite file: an event on <c>alert_event</c> opens an alert that the search finds,
/// a restarted silo still finds it, and an index row lost while the silo was down comes back when the alert's grain activates.
/// </summary>
public sealed class EmbeddedAlertIndexTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    private string DatabasePath => _database.Path;

    [Fact]
    public async Task An_alert_stays_searchable_across_restarts_and_a_lost_row_heals_on_activation()
    {
        var monitorEvent = Event(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var dedupeMd5 = EventCleaner.Clean(TriggerEventMapping.ToRaw(monitorEvent)).DedupeMd5;
        string alertId;
        await using (var cluster = await StartAsync())
        {
            var streams = cluster.Silos[0].Services.GetRequiredKeyedService<IStreamProvider>(ProviderNames.DefaultStreams);
            await streams.GetStream<TriggerEvent>(StreamId.Create(PipelineStreams.AlertEvent, AlertGrainKey.Of(monitorEvent.StrategyId, dedupeMd5))).OnNextAsync(monitorEvent);
            alertId = (await WaitForAlertAsync(cluster)).Id;
        }

        await using (var restarted = await StartAsync())
        {
            var found = Assert.Single((await SearchAsync(restarted)).Items);
            Assert.Equal((alertId, AlertStatus.Abnormal, 41L, 1L), (found.Id, found.Status, found.StrategyId, found.Version));
        }

        await _database.ExecuteAsync("DELETE FROM alert_index;");
        await using (var healed = await StartAsync())
        {
            Assert.Equal(0, (await SearchAsync(healed)).Total);
            Assert.NotNull(await healed.GrainFactory.GetGrain<IAlertGrain>(AlertGrainKey.Of(monitorEvent.StrategyId, dedupeMd5)).GetAsync(alertId));
            Assert.Equal(alertId, Assert.Single((await SearchAsync(healed)).Items).Id);
        }
    }

    private Task<TestCluster> StartAsync() => TestCluster.StartAsync(options =>
    {
        options.TimeProvider = TimeProvider.System;
        options.ConfigureSilo = silo => silo
            .AddSqliteGrainStorage(ProviderNames.DefaultStorage, DatabasePath)
            .UseInMemoryReminderService()
            .AddMemoryStreams()
            .AddSqliteAlertIndex(DatabasePath)
            .AddBkMonitorGrains();
    });

    private static Task<AlertPage> SearchAsync(TestCluster cluster) =>
        cluster.GrainFactory.GetGrain<IAlertSearchGrain>(0).SearchAsync(new AlertQuery { StrategyId = 41 });

    // The stream delivers asynchronously: search (which waits for the silo's queued index writes) until the alert is there.
    private static async Task<AlertSnapshot> WaitForAlertAsync(TestCluster cluster)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if ((await SearchAsync(cluster)).Items is [var alert]) return alert;
            Assert.True(DateTime.UtcNow < deadline, "the alert never reached the index");
            await Task.Delay(20);
        }
    }

    private static TriggerEvent Event(long time) => new()
    {
        EventId = $"event-{time}",
        StrategyId = 41,
        BkBizId = 2,
        AlertName = "cpu high",
        Severity = 1,
        Time = time,
        AnomalyTime = time,
        Dimensions = new Dictionary<string, string> { ["host"] = "h1" },
        DedupeKeys = ["host"],
        Extra = new TriggerEventExtra { RecordId = $"record-{time}", CurrentValue = 95 },
    };

    public void Dispose() => _database.Dispose();
}
