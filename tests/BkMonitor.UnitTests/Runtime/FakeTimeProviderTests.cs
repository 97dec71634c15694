using BkMonitor.Runtime.Testing;

namespace BkMonitor.UnitTests.Runtime;

public sealed class FakeTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_fires_due_timers_in_due_order_with_the_clock_at_their_due_time()
    {
        var time = new FakeTimeProvider(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow())), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow())), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var never = time.CreateTimer(_ => fired.Add(("never", time.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([("early", Start.AddSeconds(1)), ("late", Start.AddSeconds(3))], fired);
        Assert.Equal(Start.AddSeconds(5), time.GetUtcNow());
    }

    [Fact]
    public void Periodic_timer_fires_once_per_elapsed_period()
    {
        var time = new FakeTimeProvider(Start);
        var count = 0;
        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(3.5));

        Assert.Equal(3, count);
    }

    [Fact]
    public void Change_reschedules_and_Dispose_stops_a_timer()
    {
        var time = new FakeTimeProvider(Start);
        var count = 0;
        var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, count);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, count);

        timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, count);
        Assert.Equal(0, time.TimerCount);
    }

    [Fact]
    public void Zero_due_time_fires_at_once()
    {
        var time = new FakeTimeProvider(Start);
        var count = 0;

        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(1, count);
    }

    [Fact]
    public void Timestamps_follow_the_clock_and_time_never_goes_back()
    {
        var time = new FakeTimeProvider(Start);
        var t0 = time.GetTimestamp();

        time.SetUtcNow(Start.AddMinutes(2));

        Assert.Equal(TimeSpan.FromMinutes(2), time.GetElapsedTime(t0));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task Task_Delay_on_the_fake_clock_completes_when_advanced()
    {
        var time = new FakeTimeProvider(Start);
        var delay = Task.Delay(TimeSpan.FromSeconds(30), time);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
