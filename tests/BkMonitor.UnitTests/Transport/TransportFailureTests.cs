using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.UnitTests.Transport;

public sealed class TransportFailureTests
{
    private static readonly TimeSpan LongTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stopping_the_remote_fails_pending_requests_at_once_and_a_later_call_reconnects()
    {
        await using var pair = await TransportPair.StartAsync();
        Assert.Equal(2, await pair.CallAsync(EchoRequests.Double().With(1L)));
        var pending = pair.CallAsync(EchoRequests.Hang(), LongTimeout);
        await pair.Service.HangEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();

        await pair.Server.DisposeAsync();

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => pending);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"failed after {clock.Elapsed}, the timeout was {LongTimeout}");
        Assert.Contains(pair.ServerSilo.ToString(), error.Message);

        await pair.RestartServerAsync();

        Assert.Equal(42, await pair.CallAsync(EchoRequests.Double().With(21L)));
    }

    [Fact]
    public async Task Disconnecting_a_dead_silo_fails_its_pending_requests_and_refuses_later_calls()
    {
        await using var pair = await TransportPair.StartAsync();
        var pending = pair.CallAsync(EchoRequests.Hang(), LongTimeout);
        await pair.Service.HangEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        pair.Client.Disconnect(pair.ServerSilo);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => pending);
        Assert.Contains("declared it dead", error.Message);
        var later = await Assert.ThrowsAsync<SiloUnavailableException>(() => pair.CallAsync(EchoRequests.Double().With(1L)));
        Assert.Contains("declared it dead", later.Message);
    }

    [Fact]
    public async Task Unreachable_silo_fails_fast_and_later_calls_fail_at_once_during_backoff()
    {
        var deadSilo = new SiloAddress("127.0.0.1", FreePort(), 7);
        await using var client = new TcpSiloTransport(new SiloAddress("127.0.0.1", 0, 2),
            TransportPair.Options(o => (o.ReconnectBackoffInitial, o.ReconnectBackoffMax) = (TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1))));
        var envelope = () => GrainRequestCodec.Default.CreateEnvelope(new GrainId("echo", "1"), EchoRequests.Double().With(1L), LongTimeout);

        var first = await Assert.ThrowsAsync<SiloUnavailableException>(async () => await client.SendRequestAsync(deadSilo, envelope()));
        var second = await Assert.ThrowsAsync<SiloUnavailableException>(async () => await client.SendRequestAsync(deadSilo, envelope()));

        Assert.Contains("ConnectionRefused", first.Message);
        Assert.Contains("next connection attempt", second.Message);
    }

    [Fact]
    public async Task A_restarted_process_on_the_same_endpoint_does_not_receive_calls_for_the_old_generation()
    {
        await using var pair = await TransportPair.StartAsync();
        var staleAddress = pair.ServerSilo with { Generation = 99 };
        var envelope = GrainRequestCodec.Default.CreateEnvelope(new GrainId("echo", "1"), EchoRequests.Double().With(1L), LongTimeout);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(async () => await pair.Client.SendRequestAsync(staleAddress, envelope));

        Assert.Contains("generation 1", error.Message);
    }

    [Fact]
    public async Task Full_send_queue_makes_senders_wait_until_the_remote_reads_again()
    {
        const int Capacity = 4;
        const int Calls = 40;
        const int BlobSize = 1024 * 1024;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = await TransportPair.StartAsync(server: o => o.MaxInFlightPerConnection = 1, client: o => o.SendQueueCapacity = Capacity);
        pair.Service.StoreGate = gate.Task;

        var calls = new List<Task<int>>();
        for (var i = 0; i < Calls; i++)
        {
            calls.Add(pair.CallAsync(EchoRequests.Store().With(new byte[BlobSize]), LongTimeout));
        }

        // The server runs one request and stops reading; socket buffers fill, then the queue, then senders wait.
        Assert.True(SpinWait.SpinUntil(() => pair.Client.SendQueueDepth(pair.ServerSilo) == Capacity, TimeSpan.FromSeconds(20)));
        Assert.All(calls, call => Assert.False(call.IsCompleted));
        Assert.Equal(Capacity, pair.Client.SendQueueDepth(pair.ServerSilo));

        gate.SetResult();

        Assert.All(await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60)), length => Assert.Equal(BlobSize, length));
        Assert.Equal(0, pair.Client.SendQueueDepth(pair.ServerSilo));
    }

    [Fact]
    public async Task Request_over_the_frame_limit_is_refused_before_it_is_sent()
    {
        await using var pair = await TransportPair.StartAsync(client: o => o.MaxFrameSize = 64 * 1024);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => pair.CallAsync(EchoRequests.Store().With(new byte[100_000])));

        Assert.Contains("MaxFrameSize", error.Message);
        Assert.Equal(3, await pair.CallAsync(EchoRequests.Store().With(new byte[3])));
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
