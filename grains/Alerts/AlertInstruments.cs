using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// Alert metrics of a silo (meter <see cref="MeterName"/>, exported on <c>/metrics</c>): alerts opened, recovered,
/// closed and blocked by QoS, labelled by business and severity only (no per-alert or per-strategy labels, which
/// would grow without bound), and the open alerts held by this silo's active alert grains.
/// </summary>
internal sealed class AlertInstruments : IDisposable
{
    public const string MeterName = "BkMonitor.Alerts";

    private readonly Meter _meter;
    private readonly Counter<long> _opened;
    private readonly Counter<long> _recovered;
    private readonly Counter<long> _closed;
    private readonly Counter<long> _qosBlocked;
    private long _open;

    public AlertInstruments(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _opened = _meter.CreateCounter<long>("bkmonitor.alerts.opened", "{alert}", "Alerts opened (new ABNORMAL alerts, QoS-blocked ones included).");
        _recovered = _meter.CreateCounter<long>("bkmonitor.alerts.recovered", "{alert}", "Alerts that ended RECOVERED.");
        _closed = _meter.CreateCounter<long>("bkmonitor.alerts.closed", "{alert}", "Alerts that ended CLOSED (manual close, close checks, replaced by a more severe alert, QoS released).");
        _qosBlocked = _meter.CreateCounter<long>("bkmonitor.alerts.qos_blocked", "{alert}", "Alerts opened over the QoS limit: kept, but they send no actions.");
        // Observed, not summed from deltas: a listener that starts late still reads the whole count.
        _meter.CreateObservableGauge("bkmonitor.alerts.open", () => Interlocked.Read(ref _open), "{alert}", "ABNORMAL alerts held by the alert grains active on this silo.");
    }

    /// <summary>Counts what a persisted transition opened and ended (an update or an ack counts nothing).</summary>
    public void Transitioned(AlertTransition transition)
    {
        if (transition.Kind is not (AlertTransitionKind.Created or AlertTransitionKind.Ended or AlertTransitionKind.Replaced)) return;
        foreach (var alert in transition.Changed)
        {
            var labels = Labels(alert);
            switch (alert.Status)
            {
                case AlertStatus.Abnormal:
                    _opened.Add(1, labels);
                    if (alert.IsBlocked) _qosBlocked.Add(1, labels);
                    break;
                case AlertStatus.Recovered:
                    _recovered.Add(1, labels);
                    break;
                case AlertStatus.Closed:
                    _closed.Add(1, labels);
                    break;
            }
        }
    }

    /// <summary>An alert grain of this silo started (+1) or stopped (-1) holding an open alert.</summary>
    public void HoldsOpen(bool open) => Interlocked.Add(ref _open, open ? 1 : -1);

    public void Dispose() => _meter.Dispose();

    private static TagList Labels(AlertRecord alert) => new()
    {
        { "bk_biz_id", alert.BkBizId.ToString(CultureInfo.InvariantCulture) },
        { "severity", alert.Severity.ToString(CultureInfo.InvariantCulture) },
    };
}
