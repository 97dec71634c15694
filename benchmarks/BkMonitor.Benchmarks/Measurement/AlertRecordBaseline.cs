using System.Runtime.CompilerServices;
using BkMonitor.Benchmarks.Hosting;
using BkMonitor.Grains.Alerts;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>
/// The floor of <c>alerts_memory</c>: the heap of the bare alert records the alert state machine opens for the
/// benchmark's events (no grain, no runtime), then of an index row per record.
/// </summary>
internal static class AlertRecordBaseline
{
    public static AlertRecordBytes Measure(int count, int batch, long firstTime, long now)
    {
        var before = HeapSize.Settled();
        var records = Open(count, batch, firstTime, now);
        var withRecords = HeapSize.Settled();
        var index = new InMemoryAlertIndex();
        index.UpsertAsync(records.ConvertAll(r => r.ToSnapshot()), CancellationToken.None).GetAwaiter().GetResult();
        var withIndex = HeapSize.Settled();
        GC.KeepAlive(records);
        GC.KeepAlive(index);
        // Where a record's bytes go: open them again keeping only the top events, then only their extras. Each is
        // made in its own frame: unoptimized (tier-0) code keeps temporaries alive until its method returns.
        var topEvent = Weigh(count, () => Open(count, batch, firstTime, now).ConvertAll(r => r.TopEvent));
        var extra = Weigh(count, () => Open(count, batch, firstTime, now).ConvertAll(r => r.TopEvent.Extra));
        return new AlertRecordBytes((withRecords - before) / (double)count, (withIndex - withRecords) / (double)count, topEvent, extra);
    }

    private static double Weigh<T>(int count, Func<T> keep)
    {
        var before = HeapSize.Settled();
        var kept = keep();
        var after = HeapSize.Settled();
        GC.KeepAlive(kept);
        return (after - before) / (double)count;
    }

    // Not inlined: the event generator and its trigger windows must be unreachable when the records are measured.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<AlertRecord> Open(int count, int batch, long firstTime, long now)
    {
        var events = new BenchTriggerEvents(strategyId: 1);
        var ids = new CountingAlertIds();
        var qos = new SiloAlertQos(new QosCounter(threshold: 0));
        var records = new List<AlertRecord>(count);
        for (var first = 0; first < count; first += batch)
        {
            foreach (var monitorEvent in events.Build("r", first, Math.Min(batch, count - first), firstTime + first / batch * 60L))
            {
                var machine = new AlertStateMachine(ids, qos);
                machine.Apply(EventCleaner.Clean(TriggerEventMapping.ToRaw(monitorEvent)), now);
                records.Add(machine.Current!);
            }
        }
        return records;
    }

    private sealed class CountingAlertIds : IAlertIdSequence
    {
        private long _next;

        public long Next() => ++_next;
    }
}

/// <summary>Bytes per bare alert record, per index row, and per record's top event and that event's extra alone.</summary>
internal sealed record AlertRecordBytes(double Record, double IndexRow, double TopEvent, double Extra);
