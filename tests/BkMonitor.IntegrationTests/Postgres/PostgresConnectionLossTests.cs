using System.Diagnostics;
using System.Diagnostics.Metrics;
using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Postgres;
using BkMonitor.Runtime.Postgres.Reminders;

namespace BkMonitor.IntegrationTests.Postgres;

/// <summary>PostgreSQL goes away and comes back at run time (through a proxy that cuts every connection).</summary>
public sealed class PostgresConnectionLossTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Delivery_log_keeps_working_through_an_outage_and_stores_the_latest_tick_once_the_server_is_back()
    {
        using var proxy = new CuttableTcpProxy(postgres.Port);
        var connection = postgres.ConnectionString.Replace($"Port={postgres.Port}", $"Port={proxy.Port}", StringComparison.Ordinal) + ";Timeout=2";
        var table = new PostgresReminderTable(new PostgresConnector(new PostgresOptions { ConnectionString = connection, ServiceId = "svc-outage" }));
        await table.InitAsync(CancellationToken.None);
        var entry = new ReminderEntry
        {
            GrainId = new GrainId("strategy", "outage"), ReminderName = "tick",
            StartAt = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc), Period = TimeSpan.FromSeconds(10),
        };
        var eTag = await table.UpsertRowAsync(entry);
        await table.RecordDeliveryAsync(entry.GrainId, "tick", eTag, entry.StartAt.AddSeconds(10));
        long retries = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "bkmonitor.postgres.retries") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref retries, value));
        listener.Start();

        proxy.Cut();
        // Neither throws nor waits for the server: the reminder that delivered these ticks goes on.
        await table.RecordDeliveryAsync(entry.GrainId, "tick", eTag, entry.StartAt.AddSeconds(20)).WaitAsync(TimeSpan.FromSeconds(10));
        await table.RecordDeliveryAsync(entry.GrainId, "tick", eTag, entry.StartAt.AddSeconds(30)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(Interlocked.Read(ref retries) > 0);

        proxy.Restore();
        var hash = entry.GrainId.GetUniformHashCode();
        var waited = Stopwatch.StartNew();
        DateTime? stored = null;
        while (waited.Elapsed < TimeSpan.FromSeconds(20) && stored != entry.StartAt.AddSeconds(30))
        {
            try
            {
                stored = Assert.Single(await table.ReadRowsWithDeliveriesAsync(hash - 1, hash)).LastTickTime;
            }
            catch (Exception ex) when (ex is PostgresUnavailableException or Npgsql.NpgsqlException)
            {
                // The pool still hands out connections the cut broke; the next read gets a fresh one.
            }
            await Task.Delay(100);
        }
        Assert.Equal(entry.StartAt.AddSeconds(30), stored);
    }
}
