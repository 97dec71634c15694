using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BkMonitor.Grains.Alerts;
using Microsoft.Extensions.DependencyInjection;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Alerts;

/// <summary>What the alert counters count for each kind of transition the state machine returns.</summary>
public sealed class AlertInstrumentsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly AlertInstruments _instruments;

    public AlertInstrumentsTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Scope == factory) l.EnableMeasurementEvents(i);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) =>
        {
            var labels = string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
            _counts.AddOrUpdate(labels.Length == 0 ? i.Name : $"{i.Name}{{{labels}}}", value, (_, sum) => sum + value);
        });
        _listener.Start();
        _instruments = new AlertInstruments(factory);
    }

    [Fact]
    public void A_more_severe_event_counts_one_closed_and_one_opened_and_updates_count_nothing()
    {
        var machine = Machine(out _);
        _instruments.Transitioned(machine.Apply(Event(severity: 2, time: Now - 120), Now));
        _instruments.Transitioned(machine.Apply(Event(severity: 2, time: Now - 60, eventId: "d41d8cd98f00b204e9800998ecf8427e.1699999940.1.1.2"), Now));
        _instruments.Transitioned(machine.Apply(Event(severity: 1, time: Now - 30, eventId: "d41d8cd98f00b204e9800998ecf8427e.1699999970.1.1.1"), Now));
        _instruments.Transitioned(machine.Apply(Event(severity: 1, status: "RECOVERED", time: Now, eventId: "d41d8cd98f00b204e9800998ecf8427e.1700000000.1.1.1"), Now));

        Assert.Equal(new Dictionary<string, long>
        {
            ["bkmonitor.alerts.opened{bk_biz_id=2,severity=2}"] = 1,
            ["bkmonitor.alerts.closed{bk_biz_id=2,severity=2}"] = 1,
            ["bkmonitor.alerts.opened{bk_biz_id=2,severity=1}"] = 1,
            ["bkmonitor.alerts.recovered{bk_biz_id=2,severity=1}"] = 1,
        }, _counts.OrderBy(c => c.Key).ToDictionary());
    }

    [Fact]
    public void An_alert_over_the_qos_limit_counts_as_opened_and_blocked()
    {
        var qos = new QosCounter(threshold: 1);
        _instruments.Transitioned(Machine(out _, qos).Apply(Event(severity: 3, device: "eth0"), Now));
        _instruments.Transitioned(Machine(out _, qos).Apply(Event(severity: 3, device: "eth1"), Now));

        Assert.Equal(2, _counts["bkmonitor.alerts.opened{bk_biz_id=2,severity=3}"]);
        Assert.Equal(1, _counts["bkmonitor.alerts.qos_blocked{bk_biz_id=2,severity=3}"]);
    }

    [Fact]
    public void The_open_gauge_follows_what_the_activations_hold()
    {
        _instruments.HoldsOpen(true);
        _instruments.HoldsOpen(true);
        _instruments.HoldsOpen(false);
        _listener.RecordObservableInstruments();

        Assert.Equal(1, _counts["bkmonitor.alerts.open"]);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _instruments.Dispose();
        _services.Dispose();
    }
}
