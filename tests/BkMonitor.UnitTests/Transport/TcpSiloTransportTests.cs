using System.Diagnostics;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.UnitTests.Transport;

public sealed class TcpSiloTransportTests
{
    [Fact]
    public async Task Request_roundtrip_carries_arguments_of_several_types_and_the_result()
    {
        await using var pair = await TransportPair.StartAsync();
        var at = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(8)).AddTicks(1234);
        var id = Guid.NewGuid();
        var payload = new EchoPayload(42, new Dictionary<string, string> { ["bk_target_ip"] = "10.0.0.1", ["告警"] = "磁盘" });
        var request = EchoRequests.Echo().With(-7, "阈值 > 90%", long.MinValue, new byte[] { 0, 1, 255 }, at, id, DayOfWeek.Friday, null, payload, new List<string> { "a", "", "c" });

        var result = await pair.CallAsync(request);

        Assert.Equal(-7, result.Number);
        Assert.Equal("阈值 > 90%", result.Text);
        Assert.Equal(long.MinValue, result.Big);
        Assert.Equal(new byte[] { 0, 1, 255 }, result.Blob);
        Assert.Equal(at, result.At);
        Assert.Equal(at.Offset, result.At.Offset);
        Assert.Equal(id, result.Id);
        Assert.Equal(DayOfWeek.Friday, result.Day);
        Assert.Null(result.Maybe);
        Assert.Equal(42, result.Payload.StrategyId);
        Assert.Equal(payload.Labels, result.Payload.Labels);
        Assert.Equal(["a", "", "c"], result.Tags);
    }

    [Fact]
    public async Task Ten_thousand_concurrent_requests_are_each_answered_with_their_own_result()
    {
        await using var pair = await TransportPair.StartAsync();
        const int Count = 10_000;
        var calls = new Task<long>[Count];

        // Issued from the thread pool: xunit's two-thread synchronization context would otherwise
        // serialize the 10,000 caller continuations and measure itself rather than the transport.
        var results = await Task.Run(() =>
        {
            for (var i = 0; i < Count; i++)
            {
                calls[i] = pair.CallAsync(EchoRequests.Double().With((long)i));
            }
            return Task.WhenAll(calls);
        });

        for (var i = 0; i < Count; i++)
        {
            Assert.Equal(2L * i, results[i]);
        }
    }

    [Fact]
    public async Task One_way_request_reaches_the_handler()
    {
        await using var pair = await TransportPair.StartAsync();
        var envelope = GrainRequestCodec.Default.CreateEnvelope(new GrainId("echo", "1"), EchoRequests.Notify().With("disk full"), TimeSpan.FromSeconds(30));
        Assert.True(envelope.IsOneWay);

        pair.Client.SendOneWay(pair.ServerSilo, envelope);

        Assert.Equal("disk full", await pair.Service.Notified.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Handler_exception_surfaces_as_a_remote_exception_with_its_message()
    {
        await using var pair = await TransportPair.StartAsync();

        var remote = await Assert.ThrowsAsync<RemoteGrainException>(() => pair.CallAsync(EchoRequests.Fail().With("rule", "strategy 12 has no items")));

        Assert.Equal("strategy 12 has no items", remote.Message);
        Assert.Equal(typeof(AlarmRuleException).FullName, remote.RemoteExceptionType);
        Assert.Contains(nameof(EchoService.Fail), remote.RemoteStackTrace);
        Assert.Contains(nameof(EchoService.Fail), remote.StackTrace);
    }

    [Fact]
    public async Task Known_runtime_exceptions_are_rethrown_as_their_own_type()
    {
        await using var pair = await TransportPair.StartAsync();

        var argument = await Assert.ThrowsAsync<ArgumentException>(() => pair.CallAsync(EchoRequests.Fail().With("argument", "threshold must be positive")));
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => pair.CallAsync(EchoRequests.Fail().With("conflict", "etag moved")));

        Assert.Equal("threshold", argument.ParamName);
        Assert.Equal("threshold must be positive (Parameter 'threshold')", argument.Message);
        Assert.Equal("etag moved", conflict.Message);
        Assert.Equal("etag-1", conflict.StoredEtag);
        Assert.Equal("etag-2", conflict.CurrentEtag);
    }

    [Fact]
    public async Task Request_the_handler_never_answers_times_out_at_its_timeout()
    {
        await using var pair = await TransportPair.StartAsync();
        var timeout = TimeSpan.FromMilliseconds(400);

        // Timed on the thread pool, so the clock stops when the call fails, not when xunit's context gets to it.
        var (failure, elapsed) = await Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            var caught = await Record.ExceptionAsync(() => pair.CallAsync(EchoRequests.Hang(), timeout));
            return (caught, clock.Elapsed);
        });

        var error = Assert.IsType<GrainCallTimeoutException>(failure);
        // Not before its timeout (how much later depends on the machine's load, so no upper bound is asserted).
        Assert.True(elapsed >= timeout - TimeSpan.FromMilliseconds(20), $"timed out after {elapsed}, before {timeout}");
        // The request did reach the handler that never answers (on a loaded machine possibly after the caller gave up).
        await pair.Service.HangEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new GrainId("echo", "1"), error.GrainId);
        Assert.Equal("Hang", error.MethodName);
        Assert.Contains(EchoRequests.InterfaceName, error.Message);
    }

    [Fact]
    public async Task Cancelling_the_caller_token_ends_the_wait()
    {
        await using var pair = await TransportPair.StartAsync();
        using var cancellation = new CancellationTokenSource();
        var call = pair.CallAsync(EchoRequests.Hang(), cancellationToken: cancellation.Token);
        await pair.Service.HangEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
