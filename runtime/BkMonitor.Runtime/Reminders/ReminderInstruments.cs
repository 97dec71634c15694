using System.Diagnostics.Metrics;

namespace BkMonitor.Runtime.Reminders;

/// <summary>Reminder metrics (meter <c>BkMonitor.Runtime.Reminders</c>); instrument names are collected here.</summary>
internal sealed class ReminderInstruments : IDisposable
{
    public const string MeterName = "BkMonitor.Runtime.Reminders";
    public const string TicksDelivered = "bkmonitor.reminders.ticks_delivered";
    public const string TicksFailed = "bkmonitor.reminders.ticks_failed";
    public const string Tardiness = "bkmonitor.reminders.tardiness";
    public const string Active = "bkmonitor.reminders.active";

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _tardiness;

    private readonly bool _ownsMeter;

    public ReminderInstruments(Meter meter, Func<int> activeCount, bool ownsMeter = true)
    {
        Meter = meter;
        _ownsMeter = ownsMeter;
        _delivered = meter.CreateCounter<long>(TicksDelivered, "{tick}", "Reminder ticks the target grain completed.");
        _failed = meter.CreateCounter<long>(TicksFailed, "{tick}", "Reminder ticks whose delivery failed or whose grain threw.");
        _tardiness = meter.CreateHistogram<double>(Tardiness, "ms", "How late a tick was delivered after its grid time.");
        meter.CreateObservableGauge(Active, activeCount, "{reminder}", "Reminders this silo currently runs.");
    }

    public Meter Meter { get; }

    /// <summary>Uses the host's meter factory when there is one (it owns the meter), else a meter of our own.</summary>
    public static ReminderInstruments Create(IMeterFactory? factory, Func<int> activeCount)
        => factory is null ? new(new Meter(MeterName), activeCount) : new(factory.Create(MeterName), activeCount, ownsMeter: false);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    public void Delivered(string grainType, TimeSpan tardiness)
    {
        var tag = new KeyValuePair<string, object?>("grain_type", grainType);
        _delivered.Add(1, tag);
        _tardiness.Record(tardiness.TotalMilliseconds, tag);
    }

    public void Failed(string grainType) => _failed.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));
}
