using System.Diagnostics.Metrics;

namespace BkMonitor.Runtime.Reminders;

/// <summary>Reminder metrics (meter <c>BkMonitor.Runtime.Reminders</c>); instrument names are collected here.</summary>
internal sealed class ReminderInstruments
{
    public const string MeterName = "BkMonitor.Runtime.Reminders";
    public const string TicksDelivered = "bkmonitor.reminders.ticks_delivered";
    public const string TicksFailed = "bkmonitor.reminders.ticks_failed";
    public const string Tardiness = "bkmonitor.reminders.tardiness";
    public const string Active = "bkmonitor.reminders.active";

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _tardiness;

    public ReminderInstruments(Meter meter, Func<int> activeCount)
    {
        Meter = meter;
        _delivered = meter.CreateCounter<long>(TicksDelivered, "{tick}", "Reminder ticks the target grain completed.");
        _failed = meter.CreateCounter<long>(TicksFailed, "{tick}", "Reminder ticks whose delivery failed or whose grain threw.");
        _tardiness = meter.CreateHistogram<double>(Tardiness, "ms", "How late a tick was delivered after its grid time.");
        meter.CreateObservableGauge(Active, activeCount, "{reminder}", "Reminders this silo currently runs.");
    }

    public Meter Meter { get; }

    public static ReminderInstruments Create(IMeterFactory? factory, Func<int> activeCount)
        => new(factory?.Create(MeterName) ?? new Meter(MeterName), activeCount);

    public void Delivered(string grainType, TimeSpan tardiness)
    {
        var tag = new KeyValuePair<string, object?>("grain_type", grainType);
        _delivered.Add(1, tag);
        _tardiness.Record(tardiness.TotalMilliseconds, tag);
    }

    public void Failed(string grainType) => _failed.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));
}
