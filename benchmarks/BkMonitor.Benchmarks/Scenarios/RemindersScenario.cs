using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using BkMonitor.GrainInterfaces.Diagnostics;
using BkMonitor.Grains.Diagnostics;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Reminders;
using BkMonitor.Runtime.Storage;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// 10,000 reminders every 10 s across 3 silos in this process that talk only over TCP (membership, grain state and
/// the reminder table shared in memory: this project references neither the Redis nor the PostgreSQL provider).
/// Each tick is a grain call that writes the grain's state; tardiness runs from the tick's grid time until the
/// grain has handled it, over several periods after the first ticks of every reminder.
/// </summary>
public static class RemindersScenario
{
    private const int Registrars = 64;

    public static async Task<object> RunAsync(string[] args)
    {
        var reminders = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var periods = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var period = TimeSpan.FromSeconds(args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10);
        GrainTypeRegistry.RegisterAssemblies([typeof(ClusterProbeGrain).Assembly]);
        var table = new InMemoryMembershipTable();
        var storage = new MemoryGrainStorage(ProviderNames.DefaultStorage, new JsonGrainStateSerializer());
        var reminderTable = new InMemoryReminderTable();
        var tardiness = new List<double>(reminders * (periods + 2));
        var measuring = false;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "BkMonitor.Runtime.Reminders" && instrument.Name == "bkmonitor.reminders.tardiness")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (tardiness)
            {
                if (measuring)
                {
                    tardiness.Add(value);
                }
            }
        });
        listener.Start();
        var silos = new List<NetworkTestSilo>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await NetworkTestSilo.StartAsync(table, $"silo{i}", silo => silo
                    .AddMemoryGrainStorage(ProviderNames.DefaultStorage, storage)
                    .UseInMemoryReminderService(reminderTable), NetworkTestSilo.ProductionTimings));
            }
            while (silos.Any(s => s.Silo.SiloRing.Silos.Count < 3))
            {
                await Task.Delay(20);
            }
            var registering = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, Registrars).Select(r => Task.Run(async () =>
            {
                int id;
                while ((id = Interlocked.Increment(ref next)) < reminders)
                {
                    await silos[id % 3].GrainFactory.GetGrain<IClusterProbeGrain>(id).StartReminder((int)period.TotalSeconds);
                }
            })));
            Console.WriteLine($"registered {reminders:N0} reminders in {registering.Elapsed.TotalSeconds:0.0} s");
            // Every reminder's first tick comes one period after its registration: measure from the middle of the next
            // period on, so each measured window holds exactly one tick burst of every reminder.
            await Task.Delay(period * 1.5);
            lock (tardiness)
            {
                measuring = true;
            }
            for (var i = 1; i <= periods; i++)
            {
                await Task.Delay(period);
                lock (tardiness)
                {
                    Console.WriteLine($"period {i}: {tardiness.Count:N0} ticks so far");
                }
            }
            double[] values;
            lock (tardiness)
            {
                measuring = false;
                values = [.. tardiness];
            }
            Array.Sort(values);
            return new
            {
                Scenario = "reminders",
                Silos = 3,
                Reminders = reminders,
                PeriodS = period.TotalSeconds,
                MeasuredPeriods = periods,
                Ticks = values.Length,
                ExpectedTicks = reminders * periods,
                TardinessP50Ms = Math.Round(Percentile(values, 50), 1),
                TardinessP99Ms = Math.Round(Percentile(values, 99), 1),
                TardinessMaxMs = Math.Round(values.Length == 0 ? 0 : values[^1], 1),
            };
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static double Percentile(double[] sorted, double percentile)
        => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)];
}
