using BkMonitor.Runtime.Testing;

namespace BkMonitor.UnitTests.Runtime;

public sealed class TimerTests
{
    public TimerTests() => HandWrittenGrains.Register();

    [Fact]
    public async Task Timer_ticks_run_as_turns_when_the_fake_clock_reaches_them()
    {
        await using var cluster = await TestCluster.StartAsync();
        var key = GrainProbe.NewKey("timer");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>(key);

        await grain.StartTimer(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await grain.Ticks());

        // The tick is queued synchronously by Advance, so the next call runs after it (and after it re-armed).
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await grain.Ticks());
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, await grain.Ticks());
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, await grain.Ticks());
        Assert.Equal(1, probe.MaxExecuting);
    }

    [Fact]
    public async Task Timer_tick_waits_for_the_running_request_of_a_non_reentrant_grain()
    {
        await using var cluster = await TestCluster.StartAsync();
        var key = GrainProbe.NewKey("timer-wait");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>(key);
        await grain.StartTimer(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));

        var blocked = grain.Block();
        await probe.WaitFor("block-start");
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(5));
        var ticksWhileBlocked = probe.Count("tick");
        probe.Gate.SetResult();
        await blocked;

        Assert.Equal(0, ticksWhileBlocked);
        Assert.Equal(1, await grain.Ticks());
        Assert.Equal(["block-start", "tick"], probe.Events);
    }

    [Fact]
    public async Task Timers_are_disposed_when_the_activation_deactivates()
    {
        await using var cluster = await TestCluster.StartAsync();
        var key = GrainProbe.NewKey("timer-dispose");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>(key);
        await grain.Ticks();
        var baseline = cluster.FakeTime.TimerCount;

        await grain.StartTimer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal(baseline + 1, cluster.FakeTime.TimerCount);
        await grain.Deactivate();
        await probe.WaitFor("deactivate");

        Assert.Equal(baseline, cluster.FakeTime.TimerCount);
        cluster.FakeTime.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, probe.Count("tick"));
    }

    [Fact]
    public async Task Disposed_timer_does_not_tick_again()
    {
        await using var cluster = await TestCluster.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>(GrainProbe.NewKey("timer-stop"));
        await grain.StartTimer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await grain.Ticks());

        await grain.StopTimer();
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, await grain.Ticks());
    }

    [Fact]
    public async Task Timer_with_a_non_positive_period_is_rejected()
    {
        await using var cluster = await TestCluster.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>(GrainProbe.NewKey("timer-bad"));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.StartTimer(TimeSpan.Zero, TimeSpan.FromSeconds(-1)));
        Assert.Equal("period", error.ParamName);
    }
}
