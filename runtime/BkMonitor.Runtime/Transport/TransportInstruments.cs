using System.Diagnostics.Metrics;

namespace BkMonitor.Runtime.Transport;

/// <summary>Transport metrics (meter <c>BkMonitor.Runtime.Transport</c>); instrument names are collected here.</summary>
internal sealed class TransportInstruments : IDisposable
{
    public const string MeterName = "BkMonitor.Runtime.Transport";
    public const string BytesSent = "bkmonitor.transport.bytes_sent";
    public const string BytesReceived = "bkmonitor.transport.bytes_received";
    public const string MessagesSent = "bkmonitor.transport.messages_sent";
    public const string MessagesReceived = "bkmonitor.transport.messages_received";
    public const string Connections = "bkmonitor.transport.connections";
    public const string Reconnects = "bkmonitor.transport.reconnects";
    public const string ConnectionsRejected = "bkmonitor.transport.connections_rejected";
    public const string MessagesDropped = "bkmonitor.transport.messages_dropped";
    public const string RequestsTimedOut = "bkmonitor.transport.requests_timed_out";
    public const string SendQueueDepth = "bkmonitor.transport.send_queue_depth";

    private readonly bool _ownsMeter;
    private readonly Counter<long> _bytesSent;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _messagesSent;
    private readonly Counter<long> _messagesReceived;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _timedOut;

    private TransportInstruments(Meter meter, bool ownsMeter, Func<IEnumerable<Measurement<int>>> connections, Func<int> queueDepth)
    {
        Meter = meter;
        _ownsMeter = ownsMeter;
        _bytesSent = meter.CreateCounter<long>(BytesSent, "By", "Frame bytes written to silo connections.");
        _bytesReceived = meter.CreateCounter<long>(BytesReceived, "By", "Frame bytes read from silo connections.");
        _messagesSent = meter.CreateCounter<long>(MessagesSent, "{message}", "Frames written to silo connections.");
        _messagesReceived = meter.CreateCounter<long>(MessagesReceived, "{message}", "Frames read from silo connections.");
        _reconnects = meter.CreateCounter<long>(Reconnects, "{connection}", "Connection attempts to a silo after an earlier connection to it closed or failed.");
        _rejected = meter.CreateCounter<long>(ConnectionsRejected, "{connection}", "Connections dropped for a protocol violation or a failed handshake, by reason.");
        _dropped = meter.CreateCounter<long>(MessagesDropped, "{message}", "One-way messages dropped (silo unreachable, send queue full, too large), by reason.");
        _timedOut = meter.CreateCounter<long>(RequestsTimedOut, "{request}", "Requests that got no response within their timeout.");
        meter.CreateObservableGauge(Connections, connections, "{connection}", "Open silo connections, by direction.");
        meter.CreateObservableGauge(SendQueueDepth, queueDepth, "{message}", "Frames waiting in the send queues of all connections.");
    }

    public Meter Meter { get; }

    public static TransportInstruments Create(IMeterFactory? factory, Func<IEnumerable<Measurement<int>>> connections, Func<int> queueDepth)
        => factory is null
            ? new TransportInstruments(new Meter(MeterName), true, connections, queueDepth)
            : new TransportInstruments(factory.Create(MeterName), false, connections, queueDepth);

    public void Sent(long bytes, int messages)
    {
        _bytesSent.Add(bytes);
        _messagesSent.Add(messages);
    }

    public void Received(long bytes, int messages)
    {
        _bytesReceived.Add(bytes);
        _messagesReceived.Add(messages);
    }

    public void Reconnect() => _reconnects.Add(1);

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dropped(string reason) => _dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void TimedOut() => _timedOut.Add(1);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
