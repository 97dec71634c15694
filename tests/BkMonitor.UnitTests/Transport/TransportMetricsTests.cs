using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.UnitTests.Transport;

public sealed class TransportMetricsTests
{
    [Fact]
    public async Task Metrics_count_traffic_connections_rejections_and_reconnects()
    {
        await using var pair = await TransportPair.StartAsync();
        using var client = new Recorder(pair.Client.Meter);
        using var server = new Recorder(pair.Server.Meter);

        Assert.Equal(4, await pair.CallAsync(EchoRequests.Double().With(2L)));
        using (var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await raw.ConnectAsync(IPAddress.Loopback, pair.ServerSilo.Port);
            await raw.SendAsync(new byte[FrameHeader.Size]);
            Assert.Equal(0, await raw.ReceiveAsync(new byte[16]).WaitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(1, client.Total(TransportInstruments.MessagesSent));
        Assert.Equal(1, server.Total(TransportInstruments.MessagesReceived));
        Assert.Equal(client.Total(TransportInstruments.BytesSent), server.Total(TransportInstruments.BytesReceived));
        Assert.Equal(1, client.Gauge(TransportInstruments.Connections, "direction", "outbound"));
        Assert.Equal(1, server.Gauge(TransportInstruments.Connections, "direction", "inbound"));
        Assert.Equal(1, server.Total(TransportInstruments.ConnectionsRejected, "reason", MalformedFrameException.Garbage));

        // A call held open across the stop tells when the client has seen its connection close.
        var held = pair.CallAsync(EchoRequests.Hang());
        await pair.Service.HangEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await pair.Server.DisposeAsync();
        await Assert.ThrowsAsync<BkMonitor.Runtime.SiloUnavailableException>(() => held);
        await pair.RestartServerAsync();
        Assert.Equal(6, await pair.CallAsync(EchoRequests.Double().With(3L)));

        Assert.Equal(1, client.Total(TransportInstruments.Reconnects));
    }

    /// <summary>Collects the measurements of one transport's meter.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, long Value, string? Tag)> _measurements = new();

        public Recorder(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
            _listener.Start();
        }

        public long Total(string name, string? tag = null, string? value = null) => Sum(_measurements, name, tag, value);

        public long Gauge(string name, string tag, string value)
        {
            var before = _measurements.Count;
            _listener.RecordObservableInstruments();
            return Sum(_measurements.Skip(before), name, tag, value);
        }

        public void Dispose() => _listener.Dispose();

        private static long Sum(IEnumerable<(string Name, long Value, string? Tag)> measurements, string name, string? tag, string? value)
            => measurements.Where(m => m.Name == name && (tag is null || m.Tag == $"{tag}={value}")).Sum(m => m.Value);

        private void Record(string name, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
            => _measurements.Enqueue((name, value, tags.Length == 0 ? null : $"{tags[0].Key}={tags[0].Value}"));
    }
}
