using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BkMonitor.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments. One meter per silo, tagged with the silo address, so several silos in one
/// process (the test cluster) are told apart and a test can listen to exactly its own silo.
/// </summary>
internal sealed class RuntimeInstruments : IDisposable
{
    public static readonly ActivitySource ActivitySource = new(InstrumentNames.ActivitySourceName);

    private static readonly double[] LatencyBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    public RuntimeInstruments(string siloAddress)
    {
        Meter = new Meter(new MeterOptions(InstrumentNames.MeterName)
        {
            Tags = [new KeyValuePair<string, object?>("silo", siloAddress)],
        });
        Calls = Meter.CreateCounter<long>(InstrumentNames.Calls, "{call}", "Grain calls sent by this silo.");
        CallDuration = Meter.CreateHistogram(
            InstrumentNames.CallDuration,
            "s",
            "Grain call latency seen by the caller.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        CallFailures = Meter.CreateCounter<long>(InstrumentNames.CallFailures, "{call}", "Grain calls that completed with an exception (timeouts included).");
        CallTimeouts = Meter.CreateCounter<long>(InstrumentNames.CallTimeouts, "{call}", "Grain calls that exceeded the response timeout.");
        ActivationsCurrent = Meter.CreateUpDownCounter<long>(InstrumentNames.ActivationsCurrent, "{activation}", "Activations currently in the catalog.");
        ActivationsCreated = Meter.CreateCounter<long>(InstrumentNames.ActivationsCreated, "{activation}", "Activations created.");
        ActivationsCollected = Meter.CreateCounter<long>(InstrumentNames.ActivationsCollected, "{activation}", "Activations deactivated by idle collection.");
        ActivationFailures = Meter.CreateCounter<long>(InstrumentNames.ActivationFailures, "{activation}", "Activations whose construction, state read or OnActivateAsync failed.");
        MessagesQueued = Meter.CreateUpDownCounter<long>(InstrumentNames.MessagesQueued, "{message}", "Messages waiting in activation mailboxes.");
        TimerTicks = Meter.CreateCounter<long>(InstrumentNames.TimerTicks, "{tick}", "Grain timer callbacks run.");
    }

    public Meter Meter { get; }

    public Counter<long> Calls { get; }

    public Histogram<double> CallDuration { get; }

    public Counter<long> CallFailures { get; }

    public Counter<long> CallTimeouts { get; }

    public UpDownCounter<long> ActivationsCurrent { get; }

    public Counter<long> ActivationsCreated { get; }

    public Counter<long> ActivationsCollected { get; }

    public Counter<long> ActivationFailures { get; }

    public UpDownCounter<long> MessagesQueued { get; }

    public Counter<long> TimerTicks { get; }

    public void Dispose() => Meter.Dispose();
}
