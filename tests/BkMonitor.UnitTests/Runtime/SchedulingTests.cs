using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.UnitTests.Runtime;

public sealed class SchedulingTests
{
    public SchedulingTests() => HandWrittenGrains.Register();

    [Fact]
    public async Task Non_reentrant_grain_never_runs_two_requests_at_once_under_1000_concurrent_callers()
    {
        await using var cluster = await TestCluster.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>(Random.Shared.NextInt64());
        var probe = GrainProbe.For(((GrainReference)(object)grain).GrainId.ToString());

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(grain.Touch)));

        Assert.Equal(1, probe.MaxInProgress);
        Assert.Equal(1, probe.MaxExecuting);
        Assert.Equal(Enumerable.Range(1, 1000), results.Order()); // no lost update: every request saw its predecessor's write
    }

    [Fact]
    public async Task Reentrant_grain_interleaves_requests_but_never_runs_two_turns_at_once()
    {
        await using var cluster = await TestCluster.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IReentrantCounterGrain>(Random.Shared.NextInt64());
        var probe = GrainProbe.For(((GrainReference)(object)grain).GrainId.ToString());

        // Each Gather waits until 50 are in progress: that only completes if requests interleave.
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => grain.Gather(50)))).WaitAsync(TimeSpan.FromSeconds(30));
        var touches = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(grain.Touch)));

        Assert.True(probe.MaxInProgress >= 50, $"at most {probe.MaxInProgress} requests were in progress together");
        Assert.Equal(1, probe.MaxExecuting);
        Assert.Equal(500, touches.Length);
    }

    [Fact]
    public async Task AlwaysInterleave_runs_while_a_request_is_blocked_and_a_normal_request_waits()
    {
        await using var cluster = await TestCluster.StartAsync();
        var key = GrainProbe.NewKey("interleave");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<IBlockingGrain>(key);

        var blocked = grain.Block();
        await probe.WaitFor("block-start");
        var queued = grain.Normal();
        await grain.Peek();

        Assert.False(blocked.IsCompleted);
        Assert.False(queued.IsCompleted);
        Assert.Equal(0, probe.Count("normal"));

        probe.Gate.SetResult();
        await Task.WhenAll(blocked, queued);
        Assert.Equal(["block-start", "peek", "block-end", "normal"], probe.Events);
    }

    [Fact]
    public async Task ReadOnly_requests_interleave_with_each_other_but_not_with_a_normal_request()
    {
        await using var cluster = await TestCluster.StartAsync();
        var key = GrainProbe.NewKey("readonly");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<IBlockingGrain>(key);

        var first = grain.Read();
        var second = grain.Read();
        await probe.WaitFor("read-start", 2); // both reads in progress together
        var normal = grain.Normal();
        var third = grain.Read(); // queued behind the normal request: no starvation of writers

        probe.Gate.SetResult();
        await Task.WhenAll(first, second, normal, third);
        Assert.Equal(["read-start", "read-start", "read-end", "read-end", "normal", "read-start", "read-end"], probe.Events);
    }

    [Fact]
    public async Task Call_that_never_completes_times_out_naming_grain_and_method()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(2));
        var key = GrainProbe.NewKey("hang");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<IBlockingGrain>(key);
        try
        {
            var call = grain.Hang();
            cluster.FakeTime.Advance(TimeSpan.FromSeconds(1));
            Assert.False(call.IsCompleted);

            cluster.FakeTime.Advance(TimeSpan.FromSeconds(1.5));
            var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call);
            Assert.Contains("IBlockingGrain.Hang", error.Message);
            Assert.Contains($"rt-blocking/{key}", error.Message);
            Assert.Contains("2 s", error.Message);
            Assert.Equal("Hang", error.MethodName);
        }
        finally
        {
            probe.Never.TrySetResult();
        }
    }

    [Fact]
    public async Task Non_reentrant_grain_calling_itself_deadlocks_until_the_timeout()
    {
        // As in Orleans: the inner call waits behind the outer one, which waits for the inner one.
        await using var cluster = await TestCluster.StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        var key = GrainProbe.NewKey("self");
        var grain = cluster.GrainFactory.GetGrain<IBlockingGrain>(key);

        var call = grain.CallSelf();
        await GrainProbe.For(key).WaitFor("inner-sent");
        Assert.False(call.IsCompleted);
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(6));

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call);
        await grain.Normal().WaitAsync(TimeSpan.FromSeconds(30)); // the activation recovers once the timeout broke the cycle
    }

    [Fact]
    public async Task Incoming_and_outgoing_filters_see_every_call()
    {
        var incoming = new RecordingFilter();
        var outgoing = new RecordingFilter();
        await using var cluster = await TestCluster.StartAsync(o => o.ConfigureSilo = silo => silo
            .AddIncomingGrainCallFilter(incoming)
            .AddOutgoingGrainCallFilter(outgoing));
        var key = GrainProbe.NewKey("filtered");

        Assert.Equal("pong", await cluster.GrainFactory.GetGrain<ILifecycleGrain>(key).Ping());

        Assert.Equal([$"ILifecycleGrain.Ping rt-lifecycle/{key} pong"], incoming.Calls);
        Assert.Equal([$"ILifecycleGrain.Ping rt-lifecycle/{key} pong"], outgoing.Calls);
    }

    private sealed class RecordingFilter : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
    {
        private readonly List<string> _calls = [];

        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (_calls)
                {
                    return _calls.ToArray();
                }
            }
        }

        public async Task Invoke(IGrainCallContext context)
        {
            await context.Invoke();
            lock (_calls)
            {
                _calls.Add($"{context.InterfaceName.Split('.')[^1]}.{context.MethodName} {context.TargetId} {context.Result}");
            }
        }
    }
}
