using System.Diagnostics.Metrics;
using BkMonitor.GrainInterfaces.Diagnostics;
using BkMonitor.Grains.Diagnostics;
using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Postgres.Hosting;
using BkMonitor.Runtime.Storage;
using BkMonitor.Runtime.Testing;
using Xunit.Abstractions;

namespace BkMonitor.IntegrationTests.Postgres;

/// <summary>
/// The <c>reminders</c> scenario on the real reminder table: 10,000 reminders across 3 silos over TCP with
/// PostgreSQL reminders (period 5 s to keep the test short). Each reminder ticks once per period: none is missed
/// and none is delivered twice. Tardiness is the benchmark's business (<c>reminders</c> scenario); this test only
/// prints it.
/// </summary>
public sealed class PostgresRemindersAtScaleTests(PostgresServerFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresServerFixture>
{
    private const int Reminders = 10_000;
    private const int PeriodSeconds = 5;
    // Ticks counted after the last registration: two and a half periods' worth, so even the reminder registered
    // last has ticked twice.
    private const int TicksAfterRegistration = Reminders * 5 / 2;

    [Fact]
    public async Task Ten_thousand_reminders_on_three_silos_each_tick_once_per_period()
    {
        GrainTypeRegistry.RegisterAssemblies([typeof(ClusterProbeGrain).Assembly]);
        var serviceId = $"scale-{Guid.NewGuid():N}"[..16];
        var table = new InMemoryMembershipTable();
        var storage = new MemoryGrainStorage(ProviderNames.DefaultStorage, new JsonGrainStateSerializer());
        var tardiness = new List<double>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wanted = int.MaxValue;
        using var listener = Listen(value =>
        {
            lock (tardiness)
            {
                tardiness.Add(value);
                if (tardiness.Count >= wanted) enough.TrySetResult();
            }
        });
        var silos = new List<NetworkTestSilo>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await NetworkTestSilo.StartAsync(table, $"silo{i}", silo => silo
                    .AddMemoryGrainStorage(ProviderNames.DefaultStorage, storage)
                    .UsePostgresReminderService(o =>
                    {
                        o.ConnectionString = postgres.ConnectionString;
                        o.ServiceId = serviceId;
                    }), NetworkTestSilo.ProductionTimings));
            }
            while (silos.Exists(s => s.Silo.SiloRing.Silos.Count < 3)) await Task.Delay(20);
            await ForEachReminderAsync(silos, (probe, _) => probe.StartReminder(PeriodSeconds));
            lock (tardiness) wanted = tardiness.Count + TicksAfterRegistration;
            await enough.Task.WaitAsync(TimeSpan.FromMinutes(3));

            var gaps = new List<long>();
            var fewest = int.MaxValue;
            await ForEachReminderAsync(silos, async (probe, _) =>
            {
                var ticks = (await probe.Ping()).Ticks;
                lock (gaps)
                {
                    fewest = Math.Min(fewest, ticks.Count);
                    for (var t = 1; t < ticks.Count; t++) gaps.Add(ticks[t] - ticks[t - 1]);
                }
            });
            double[] values;
            lock (tardiness) values = [.. tardiness];
            Array.Sort(values);
            gaps.Sort();
            output.WriteLine($"ticks {values.Length}, tardiness p50 {values[values.Length / 2]:0.0} ms, p99 {values[(int)Math.Ceiling(values.Length * 0.99) - 1]:0.0} ms; gaps {gaps[0]}..{gaps[^1]} ms");

            Assert.True(fewest >= 2, $"a reminder ticked only {fewest} time(s)");
            // A gap under half a period is a double delivery; over two periods, a missed tick.
            Assert.InRange(gaps[0], PeriodSeconds * 500, PeriodSeconds * 2000);
            Assert.InRange(gaps[^1], PeriodSeconds * 500, PeriodSeconds * 2000);
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    // Spreads the reminders over the silos' clients, 64 calls in flight.
    private static Task ForEachReminderAsync(List<NetworkTestSilo> silos, Func<IClusterProbeGrain, int, Task> call)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            int id;
            while ((id = Interlocked.Increment(ref next)) < Reminders)
            {
                await call(silos[id % 3].GrainFactory.GetGrain<IClusterProbeGrain>(id), id);
            }
        })));
    }

    private static MeterListener Listen(Action<double> tardiness)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "BkMonitor.Runtime.Reminders" && instrument.Name == "bkmonitor.reminders.tardiness") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => tardiness(value));
        listener.Start();
        return listener;
    }
}
