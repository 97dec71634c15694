using System.Diagnostics.Metrics;

namespace BkMonitor.Runtime.Streams;

/// <summary>Stream metrics (meter <c>BkMonitor.Runtime.Streams</c>); instrument names are collected here.</summary>
internal sealed class StreamInstruments : IDisposable
{
    public const string MeterName = "BkMonitor.Runtime.Streams";
    public const string Produced = "bkmonitor.streams.events_produced";
    public const string Delivered = "bkmonitor.streams.events_delivered";
    public const string Failed = "bkmonitor.streams.events_failed";
    public const string Dropped = "bkmonitor.streams.events_dropped";
    public const string QueueDepth = "bkmonitor.streams.queue_depth";
    public const string Lag = "bkmonitor.streams.delivery_lag";
    public const string Redelivered = "bkmonitor.streams.events_redelivered";
    public const string Rejected = "bkmonitor.streams.events_rejected";
    public const string Pending = "bkmonitor.streams.events_pending";

    private readonly Counter<long> _produced;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _redelivered;
    private readonly Counter<long> _rejected;
    private readonly KeyValuePair<string, object?> _provider;

    private readonly bool _ownsMeter;

    public StreamInstruments(Meter meter, string provider, Func<long> queueDepth, bool ownsMeter = true, Func<long>? pending = null)
    {
        Meter = meter;
        _ownsMeter = ownsMeter;
        _provider = new("provider", provider);
        _produced = meter.CreateCounter<long>(Produced, "{event}", "Events accepted by the provider.");
        _delivered = meter.CreateCounter<long>(Delivered, "{event}", "Events a subscriber completed.");
        _failed = meter.CreateCounter<long>(Failed, "{event}", "Events skipped for a subscriber after the last failed attempt.");
        _dropped = meter.CreateCounter<long>(Dropped, "{event}", "Events for an implicit subscriber that attached no observer.");
        _lag = meter.CreateHistogram<double>(Lag, "ms", "Time from accepting an event to starting its delivery.");
        _redelivered = meter.CreateCounter<long>(Redelivered, "{event}", "Events delivered again after their first owner did not acknowledge them (persistent providers).");
        _rejected = meter.CreateCounter<long>(Rejected, "{event}", "Events refused because their queue was full (persistent providers).");
        if (pending is not null)
        {
            meter.CreateObservableGauge(Pending, () => new Measurement<long>(pending(), _provider), "{event}", "Events read from a queue and not yet acknowledged.");
        }
        meter.CreateObservableGauge(QueueDepth, () => new Measurement<long>(queueDepth(), _provider), "{event}", "Events accepted and not yet delivered.");
    }

    public Meter Meter { get; }

    /// <summary>
    /// A meter per provider: the factory caches meters and instruments by name, so providers sharing one meter
    /// would share one queue-depth gauge callback. The factory owns the meters it creates.
    /// </summary>
    public static StreamInstruments Create(IMeterFactory? factory, string provider, Func<long> queueDepth, Func<long>? pending = null)
        => factory is null
            ? new(new Meter(MeterName), provider, queueDepth, ownsMeter: true, pending)
            : new(factory.Create(new MeterOptions(MeterName) { Tags = [new("provider", provider)] }), provider, queueDepth, ownsMeter: false, pending);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    public void OnProduced(string streamNamespace, int count) => _produced.Add(count, _provider, Namespace(streamNamespace));

    public void OnDelivered(string streamNamespace, int count) => _delivered.Add(count, _provider, Namespace(streamNamespace));

    public void OnFailed(string streamNamespace, int count) => _failed.Add(count, _provider, Namespace(streamNamespace));

    public void OnDropped(string streamNamespace, int count) => _dropped.Add(count, _provider, Namespace(streamNamespace));

    public void OnRedelivered(string streamNamespace, int count) => _redelivered.Add(count, _provider, Namespace(streamNamespace));

    public void OnRejected(string streamNamespace, int count) => _rejected.Add(count, _provider, Namespace(streamNamespace));

    public void OnLag(string streamNamespace, TimeSpan lag) => _lag.Record(lag.TotalMilliseconds, _provider, Namespace(streamNamespace));

    private static KeyValuePair<string, object?> Namespace(string streamNamespace) => new("namespace", streamNamespace);
}
