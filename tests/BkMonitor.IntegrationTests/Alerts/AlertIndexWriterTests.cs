using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;
using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Silo.Alerts;
using Microsoft.Extensions.Logging.Abstractions;
using static BkMonitor.IntegrationTests.Alerts.AlertSnapshots;

namespace BkMonitor.IntegrationTests.Alerts;

/// <summary>The batching writer in front of a real SQLite alert index.</summary>
public sealed class AlertIndexWriterTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    private string DatabasePath => _database.Path;

    private async Task<AlertIndexWriter> StartAsync(IAlertIndex index, AlertIndexWriterOptions? options = null)
    {
        var writer = new AlertIndexWriter(index, options ?? new AlertIndexWriterOptions(), NullLogger<AlertIndexWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        return writer;
    }

    [Fact]
    public async Task A_search_sees_every_transition_queued_before_it()
    {
        using var writer = await StartAsync(new SqliteAlertIndex(DatabasePath));
        for (var seq = 1; seq <= 50; seq++) await writer.UpsertAsync(Alert(1_700_000_000, seq));
        await writer.UpsertAsync(Alert(1_700_000_000, 7, status: AlertStatus.Closed, end: 1_700_000_060, version: 2));

        var page = await writer.SearchAsync(new AlertQuery { PageSize = 10 });
        Assert.Equal(50, page.Total);
        Assert.Equal(AlertStatus.Closed, (await writer.GetAsync("17000000007"))!.Status);
    }

    [Fact]
    public async Task Transitions_queued_while_a_batch_writes_coalesce_into_one_row_each()
    {
        var gated = new GatedAlertIndex(new SqliteAlertIndex(DatabasePath));
        gated.Hold();
        using var writer = await StartAsync(gated);
        await writer.UpsertAsync(Alert(1_700_000_000, 1));
        await gated.Entered.Task;
        // The first batch is held at the store: these queue behind it.
        for (var version = 1; version <= 5; version++) await writer.UpsertAsync(Alert(1_700_000_000, 2, version: version));
        await writer.UpsertAsync(Alert(1_700_000_000, 1, status: AlertStatus.Recovered, end: 1_700_000_120, version: 2));
        gated.Release();
        await writer.FlushAsync();

        Assert.Equal(2, gated.Batches.Count);
        Assert.Equal([("17000000001", 2L), ("17000000002", 5L)], gated.Batches[1].Select(a => (a.Id, a.Version)).Order());
        Assert.Equal(5, (await writer.GetAsync("17000000002"))!.Version);
        Assert.Equal(AlertStatus.Recovered, (await writer.GetAsync("17000000001"))!.Status);
    }

    [Fact]
    public async Task A_full_queue_holds_the_caller_until_the_store_catches_up()
    {
        var gated = new GatedAlertIndex(new InMemoryAlertIndex());
        gated.Hold();
        using var writer = await StartAsync(gated, new AlertIndexWriterOptions { QueueCapacity = 2 });
        await writer.UpsertAsync(Alert(1_700_000_000, 1));
        await gated.Entered.Task;
        await writer.UpsertAsync(Alert(1_700_000_000, 2));
        await writer.UpsertAsync(Alert(1_700_000_000, 3));
        Assert.Equal(2, writer.QueueDepth);

        var blocked = writer.UpsertAsync(Alert(1_700_000_000, 4)).AsTask();
        Assert.False(blocked.IsCompleted);
        Assert.Equal(HealthReport.Degraded, (await new AlertIndexHealth(writer).CheckAsync(CancellationToken.None)).Status);
        gated.Release();
        await blocked;
        await writer.FlushAsync();
        Assert.Equal(4, (await gated.SearchAsync(new AlertQuery(), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task A_failed_batch_is_retried_and_its_metrics_show_on_the_exporter()
    {
        using var exporter = new PrometheusExporter("BkMonitor.Alerts");
        var gated = new GatedAlertIndex(new SqliteAlertIndex(DatabasePath));
        gated.FailNext(2);
        using var writer = await StartAsync(gated, new AlertIndexWriterOptions { RetryDelay = TimeSpan.FromMilliseconds(1) });
        await writer.UpsertAsync(Alert(1_700_000_000, 1));
        await writer.FlushAsync();

        Assert.Equal(3, gated.Batches.Count);
        Assert.NotNull(await writer.GetAsync("17000000001"));
        var metrics = exporter.Render();
        Assert.Contains("bkmonitor_alert_index_writes_total", metrics, StringComparison.Ordinal);
        Assert.Contains("bkmonitor_alert_index_write_failures_total", metrics, StringComparison.Ordinal);
        Assert.Contains("bkmonitor_alert_index_write_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("bkmonitor_alert_index_queue_depth", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_failing_every_attempt_is_dropped_and_the_writer_goes_on()
    {
        var gated = new GatedAlertIndex(new InMemoryAlertIndex());
        gated.FailNext(2);
        using var writer = await StartAsync(gated, new AlertIndexWriterOptions { MaxAttempts = 2, RetryDelay = TimeSpan.Zero });
        await writer.UpsertAsync(Alert(1_700_000_000, 1));
        await writer.FlushAsync();
        await writer.UpsertAsync(Alert(1_700_000_000, 2));
        await writer.FlushAsync();

        Assert.Null(await writer.GetAsync("17000000001"));
        Assert.NotNull(await writer.GetAsync("17000000002"));
        var health = await new AlertIndexHealth(writer).CheckAsync(CancellationToken.None);
        Assert.Equal(HealthReport.Ok, health.Status);
        Assert.Equal([("queue_depth", 0d), ("rows_written", 1d), ("rows_dropped", 1d)], health.Metrics.Select(m => (m.Name, m.Value)));
    }

    [Fact]
    public async Task Stopping_the_silo_writes_what_is_still_queued()
    {
        var gated = new GatedAlertIndex(new SqliteAlertIndex(DatabasePath));
        gated.Hold();
        var writer = await StartAsync(gated);
        for (var seq = 1; seq <= 200; seq++) await writer.UpsertAsync(Alert(1_700_000_000, seq));
        gated.Release();
        await writer.StopAsync(CancellationToken.None);
        writer.Dispose();

        TemporaryDatabase.ClosePooledConnections();
        var reopened = new SqliteAlertIndex(DatabasePath);
        await reopened.InitAsync(CancellationToken.None);
        Assert.Equal(200, (await reopened.SearchAsync(new AlertQuery(), CancellationToken.None)).Total);
    }

    public void Dispose() => _database.Dispose();
}
