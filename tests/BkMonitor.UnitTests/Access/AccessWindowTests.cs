using BkMonitor.Grains.Access;

namespace BkMonitor.UnitTests.Access;

public sealed class AccessWindowTests
{
    private const long Now = 1_700_000_135;

    [Fact]
    public void Recent_checkpoint_is_floored_and_repulls_one_period()
    {
        var window = AccessWindow.Compute(checkpoint: 1_700_000_055, Now, aggInterval: 60, timeDelay: 0);

        Assert.Equal(1_700_000_040 - 60, window.From);
        // floor((now - 10) / 60) * 60
        Assert.Equal(1_700_000_100, window.Until);
        Assert.False(window.IsEmpty);
    }

    [Fact]
    public void Missing_checkpoint_restarts_1800_seconds_back()
    {
        var window = AccessWindow.Compute(checkpoint: 0, Now, aggInterval: 60, timeDelay: 0);

        // floor((now - 1800) / 60) * 60 - 60
        Assert.Equal(1_699_998_300 - 60, window.From);
    }

    [Fact]
    public void Checkpoint_exactly_1800_seconds_old_is_kept()
    {
        // A restart would honour notBefore; a kept checkpoint ignores it.
        Assert.Equal(Now - 1800 - 35, AccessWindow.StartCheckpoint(Now - 1800, Now, 60, notBefore: Now));
        Assert.Equal(Now - 35, AccessWindow.StartCheckpoint(Now - 1801, Now, 60, notBefore: Now));
    }

    [Fact]
    public void Stale_checkpoint_jumps_forward_instead_of_replaying_history()
    {
        // 1861 s old: kept, it would floor to 1_699_998_240; the restart gives floor(now - 1800).
        Assert.Equal(1_699_998_300, AccessWindow.StartCheckpoint(Now - 1861, Now, 60));
    }

    [Fact]
    public void Long_periods_restart_after_five_periods()
    {
        Assert.Equal(1800, AccessWindow.RestartAfter(60));
        Assert.Equal(1800, AccessWindow.RestartAfter(360));
        Assert.Equal(3000, AccessWindow.RestartAfter(600));

        // 2999 s old with agg 600 is still followed; 3001 s old restarts at now - 3000.
        Assert.Equal(AccessWindow.FloorTo(Now - 2999, 600), AccessWindow.StartCheckpoint(Now - 2999, Now, 600));
        Assert.Equal(AccessWindow.FloorTo(Now - 3000, 600), AccessWindow.StartCheckpoint(Now - 3001, Now, 600));
    }

    [Fact]
    public void Restart_respects_the_not_before_bound()
    {
        Assert.Equal(1_700_000_040, AccessWindow.StartCheckpoint(0, Now, 60, notBefore: 1_700_000_050));
        Assert.Equal(1_699_998_300, AccessWindow.StartCheckpoint(0, Now, 60, notBefore: 1_000));
    }

    [Fact]
    public void Time_delay_moves_until_back()
    {
        var window = AccessWindow.Compute(1_700_000_055, Now, 60, timeDelay: 120);

        // floor((now - 10 - 120) / 60) * 60
        Assert.Equal(1_699_999_980, window.Until);
    }

    [Fact]
    public void Window_past_until_is_skipped()
    {
        var window = AccessWindow.Compute(checkpoint: Now, Now, 60, timeDelay: 300);

        Assert.Equal(1_700_000_040, window.From);
        Assert.Equal(1_699_999_800, window.Until);
        Assert.True(window.IsEmpty);
    }

    [Fact]
    public void Window_holds_from_but_not_until()
    {
        var window = new AccessWindow(120, 300);

        Assert.True(window.Contains(120));
        Assert.True(window.Contains(299));
        Assert.False(window.Contains(300));
        Assert.False(window.Contains(119));
    }

    [Fact]
    public void Checkpoint_never_moves_back()
    {
        Assert.Equal(600, AccessWindow.NextCheckpoint(600, 540));
        Assert.Equal(660, AccessWindow.NextCheckpoint(600, 660));
    }

    [Theory]
    [InlineData(119, 60, 60)]
    [InlineData(120, 60, 120)]
    [InlineData(-1, 60, -60)]
    public void Floor_is_python_floor_division(long time, int agg, long expected)
    {
        Assert.Equal(expected, AccessWindow.FloorTo(time, agg));
    }

    [Fact]
    public void Non_positive_agg_interval_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AccessWindow.Compute(0, Now, 0, 0));
        Assert.Equal("aggInterval", error.ParamName);
    }
}
