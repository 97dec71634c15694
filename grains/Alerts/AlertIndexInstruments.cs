using System.Diagnostics.Metrics;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// Metrics of the alert index writer (meter <see cref="MeterName"/>, exported on <c>/metrics</c>): rows written,
/// batch latency, failed attempts, dropped rows and the queue depth.
/// </summary>
public sealed class AlertIndexInstruments : IDisposable
{
    public const string MeterName = "BkMonitor.Alerts.Index";

    private readonly Meter _meter;
    private readonly Counter<long> _rows;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _dropped;

    public AlertIndexInstruments(Func<int> queueDepth, IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _rows = _meter.CreateCounter<long>("bkmonitor.alert_index.writes", description: "Alert rows written to the alert index.");
        _duration = _meter.CreateHistogram<double>("bkmonitor.alert_index.write.duration", unit: "s", description: "Latency of one batch write to the alert index.");
        _failures = _meter.CreateCounter<long>("bkmonitor.alert_index.write.failures", description: "Batch writes to the alert index that failed (each attempt).");
        _dropped = _meter.CreateCounter<long>("bkmonitor.alert_index.dropped", description: "Alert rows given up after every attempt failed.");
        _meter.CreateObservableGauge("bkmonitor.alert_index.queue.depth", queueDepth, description: "Alert snapshots waiting for the index writer.");
    }

    public void Written(int rows, TimeSpan elapsed)
    {
        _rows.Add(rows);
        _duration.Record(elapsed.TotalSeconds);
    }

    public void Failed() => _failures.Add(1);

    public void Dropped(int rows) => _dropped.Add(rows);

    public void Dispose() => _meter.Dispose();
}
