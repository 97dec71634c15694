using System.Buffers;
using System.Net;
using System.Net.Sockets;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.UnitTests.Transport;

/// <summary>Peers that break the protocol lose their connection; the silo keeps serving everyone else.</summary>
public sealed class MalformedConnectionTests
{
    [Fact]
    public async Task Garbage_bytes_drop_that_connection_and_the_server_keeps_serving()
    {
        await using var pair = await TransportPair.StartAsync();
        using var raw = await ConnectRawAsync(pair.ServerSilo);

        await raw.SendAsync("GET / HTTP/1.1\r\nHost: silo\r\n\r\n"u8.ToArray());

        Assert.True(await IsClosedByPeerAsync(raw));
        Assert.Equal(10, await pair.CallAsync(EchoRequests.Double().With(5L)));
    }

    [Fact]
    public async Task Oversized_frame_length_drops_the_connection_without_waiting_for_the_body()
    {
        await using var pair = await TransportPair.StartAsync();
        using var raw = await ConnectRawAsync(pair.ServerSilo);
        await HandshakeAsync(raw, "transport-tests");

        var header = new byte[FrameHeader.Size];
        new FrameHeader(FrameKind.Request, 0, 1, 0, 100 * 1024 * 1024).Write(header);
        await raw.SendAsync(header);

        Assert.True(await IsClosedByPeerAsync(raw));
        Assert.Equal(10, await pair.CallAsync(EchoRequests.Double().With(5L)));
    }

    [Fact]
    public async Task Handshake_with_another_cluster_id_is_refused_with_the_reason()
    {
        await using var pair = await TransportPair.StartAsync();
        using var raw = await ConnectRawAsync(pair.ServerSilo);

        var answer = await HandshakeAsync(raw, "someone-else");

        Assert.Equal(FrameKind.Reject, answer.Kind);
        Assert.Contains("cluster id 'someone-else'", answer.Text);
        Assert.True(await IsClosedByPeerAsync(raw));
        Assert.Equal(10, await pair.CallAsync(EchoRequests.Double().With(5L)));
    }

    [Fact]
    public async Task Transport_of_another_cluster_cannot_call_the_silo()
    {
        await using var pair = await TransportPair.StartAsync();
        await using var stranger = new TcpSiloTransport(new SiloAddress("127.0.0.1", 0, 3), TransportPair.Options(o => o.ClusterId = "other"));
        var envelope = GrainRequestCodec.Default.CreateEnvelope(new GrainId("echo", "1"), EchoRequests.Double().With(1L), TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(async () => await stranger.SendRequestAsync(pair.ServerSilo, envelope));

        Assert.Contains("refused the connection", error.Message);
        Assert.Contains("cluster id 'other'", error.Message);
        Assert.Equal(10, await pair.CallAsync(EchoRequests.Double().With(5L)));
    }

    [Fact]
    public async Task Request_frame_with_an_unreadable_header_drops_the_connection()
    {
        await using var pair = await TransportPair.StartAsync();
        using var raw = await ConnectRawAsync(pair.ServerSilo);
        await HandshakeAsync(raw, "transport-tests");

        var frame = new byte[FrameHeader.Size + 3];
        new FrameHeader(FrameKind.Request, 0, 1, 3, 0).Write(frame);
        frame[FrameHeader.Size] = 0xFF; // a string length varint that never ends
        await raw.SendAsync(frame);

        Assert.True(await IsClosedByPeerAsync(raw));
        Assert.Equal(10, await pair.CallAsync(EchoRequests.Double().With(5L)));
    }

    private static async Task<Socket> ConnectRawAsync(SiloAddress silo)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, silo.Port);
        return socket;
    }

    /// <summary>Sends a Hello with <paramref name="clusterId"/> and returns the server's answer frame kind and text.</summary>
    private static async Task<(FrameKind Kind, string Text)> HandshakeAsync(Socket socket, string clusterId)
    {
        var hello = new ArrayBufferWriter<byte>();
        FrameCodec.WriteHello(hello, new HandshakeInfo(HandshakeInfo.CurrentProtocolVersion, clusterId, new SiloAddress("127.0.0.1", 1, 5)));
        await socket.SendAsync(hello.WrittenMemory);
        var received = new List<byte>();
        var chunk = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(received.ToArray());
            if (Frame.TryRead(ref sequence, 4096, out var frame))
            {
                return frame.Header.Kind == FrameKind.Hello
                    ? (FrameKind.Hello, FrameCodec.ReadHello(frame).ClusterId)
                    : (frame.Header.Kind, FrameCodec.ReadReject(frame));
            }
            var count = await socket.ReceiveAsync(chunk, timeout.Token);
            Assert.NotEqual(0, count);
            received.AddRange(chunk.AsSpan(0, count));
        }
    }

    private static async Task<bool> IsClosedByPeerAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, timeout.Token) > 0)
            {
                // Drain whatever the server sent before closing (a Reject frame).
            }
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }
}
