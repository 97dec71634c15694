using System.Diagnostics.Metrics;

namespace BkMonitor.Grains.Hosting;

/// <summary>
/// Silo-wide totals of the pipeline (points read by access, records detected, anomalies, events), exposed as
/// observable counters of the meter <see cref="MeterName"/> and readable directly (benchmarks, health).
/// </summary>
public sealed class PipelineCounters : IDisposable
{
    public const string MeterName = "BkMonitor.Pipeline";

    private readonly Meter _meter;
    private long _accessPoints;
    private long _accessRecords;
    private long _detectedRecords;
    private long _anomalies;
    private long _triggerAnomalies;
    private long _events;

    public PipelineCounters(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableCounter("bkmonitor_access_points", () => AccessPoints, description: "Points read by access (pull and push).");
        _meter.CreateObservableCounter("bkmonitor_access_records", () => AccessRecords, description: "Records handed from access to detect.");
        _meter.CreateObservableCounter("bkmonitor_detect_records", () => DetectedRecords, description: "Records evaluated by detect.");
        _meter.CreateObservableCounter("bkmonitor_detect_anomalies", () => Anomalies, description: "Anomalous records found by detect.");
        _meter.CreateObservableCounter("bkmonitor_trigger_anomalies", () => TriggerAnomalies, description: "Anomalous records taken by trigger.");
        _meter.CreateObservableCounter("bkmonitor_trigger_events", () => Events, description: "Events published on alert_event.");
    }

    public long AccessPoints => Interlocked.Read(ref _accessPoints);

    public long AccessRecords => Interlocked.Read(ref _accessRecords);

    public long DetectedRecords => Interlocked.Read(ref _detectedRecords);

    public long Anomalies => Interlocked.Read(ref _anomalies);

    public long TriggerAnomalies => Interlocked.Read(ref _triggerAnomalies);

    public long Events => Interlocked.Read(ref _events);

    /// <summary>Raised after detect or trigger counted a batch, on the thread that counted it (a host waiting for a total).</summary>
    public event Action? Counted;

    public void OnAccess(int points, int records)
    {
        Interlocked.Add(ref _accessPoints, points);
        Interlocked.Add(ref _accessRecords, records);
    }

    public void OnDetect(int records, int anomalies)
    {
        Interlocked.Add(ref _detectedRecords, records);
        Interlocked.Add(ref _anomalies, anomalies);
        Counted?.Invoke();
    }

    public void OnTrigger(int anomalies, int events)
    {
        Interlocked.Add(ref _triggerAnomalies, anomalies);
        Interlocked.Add(ref _events, events);
        Counted?.Invoke();
    }

    public void Dispose() => _meter.Dispose();
}
