namespace BkMonitor.GrainInterfaces.Pipeline;

/// <summary>Stream namespaces of the alarm pipeline; they keep the Kafka topic names of bk-monitor.</summary>
public static class PipelineStreams
{
    /// <summary>Access → detect: one <c>AccessBatch</c> per strategy run, keyed by strategy id.</summary>
    public const string DataAccess = "data_access";

    /// <summary>Detect → trigger: one <c>AnomalyBatch</c> per detected batch, keyed by strategy id.</summary>
    public const string AnomalyDetect = "anomaly_detect";

    /// <summary>Trigger → alert: one <c>TriggerEvent</c> per event, keyed by the alert dedupe md5.</summary>
    public const string AlertEvent = "alert_event";
}
