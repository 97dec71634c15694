namespace BkMonitor.Runtime.Diagnostics;

/// <summary>Names of the runtime's meter, activity source and instruments (OpenTelemetry style; the Prometheus exporter maps them).</summary>
public static class InstrumentNames
{
    public const string MeterName = "BkMonitor.Runtime";
    public const string ActivitySourceName = "BkMonitor.Runtime";

    public const string Calls = "bkmonitor.runtime.calls";
    public const string CallDuration = "bkmonitor.runtime.call.duration";
    public const string CallFailures = "bkmonitor.runtime.call.failures";
    public const string CallTimeouts = "bkmonitor.runtime.call.timeouts";
    public const string ActivationsCurrent = "bkmonitor.runtime.activations";
    public const string ActivationsCreated = "bkmonitor.runtime.activations.created";
    public const string ActivationsCollected = "bkmonitor.runtime.activations.collected";
    public const string ActivationFailures = "bkmonitor.runtime.activation.failures";
    public const string MessagesQueued = "bkmonitor.runtime.messages.queued";
    public const string TimerTicks = "bkmonitor.runtime.timer.ticks";
}
