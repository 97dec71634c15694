using BkMonitor.Grains.Nodata;

namespace BkMonitor.UnitTests.Nodata;

public sealed class NoDataRetentionTests
{
    private const long Now = 1_700_000_040;
    private const long Day = NoDataState.HistoryTtlSeconds;

    private static Dictionary<string, string> Host(string host) => new() { ["host"] = host };

    [Fact]
    public void A_set_without_data_for_a_day_is_no_longer_expected_but_stays_missing_until_its_checkpoint_expires()
    {
        var state = new NoDataState();
        state.History["live"] = Host("live");
        state.History["gone"] = Host("gone");
        state.LastDataTimes["live"] = Now - 60;
        state.LastDataTimes["gone"] = Now - Day - 60;
        state.FirstMissingChecks["gone"] = Now - Day;
        state.LastAnomalyChecks["gone"] = Now - 60;

        NoDataRetention.Apply(state, Now);

        Assert.Equal(["live"], state.History.Keys);
        Assert.Equal(["live"], state.LastDataTimes.Keys);
        Assert.True(state.IsNoDataOngoing("gone"));

        NoDataRetention.Apply(state, Now - 60 + NoDataRetention.CheckpointTtlSeconds + 1);
        Assert.False(state.IsNoDataOngoing("gone"));
        Assert.Empty(state.LastAnomalyChecks);
    }

    [Fact]
    public void A_set_that_never_reported_expires_a_day_after_it_first_went_missing()
    {
        var state = new NoDataState();
        state.History["target"] = Host("target");
        state.FirstMissingChecks["target"] = Now - Day + 60;
        NoDataRetention.Apply(state, Now);
        Assert.Single(state.History);
        NoDataRetention.Apply(state, Now + 120);
        Assert.Empty(state.History);
    }

    [Fact]
    public void Past_the_cap_the_sets_with_the_oldest_data_go_first()
    {
        var state = new NoDataState();
        for (var i = 0; i < 5; i++)
        {
            state.History[$"s{i}"] = Host($"h{i}");
            state.LastDataTimes[$"s{i}"] = Now - 600 + i;
        }
        state.FirstMissingChecks["s0"] = Now - 60;
        state.LastAnomalyChecks["s0"] = Now - 60;

        NoDataRetention.Apply(state, Now, maxDimensionSets: 3);

        Assert.Equal(["s2", "s3", "s4"], state.History.Keys.Order());
        Assert.Equal(["s2", "s3", "s4"], state.LastDataTimes.Keys.Order());
        // Still within its checkpoint's life: the alert on it is not reported recovered by the cap.
        Assert.True(state.IsNoDataOngoing("s0"));
    }

    [Fact]
    public void Missing_checkpoints_of_sets_no_longer_expected_are_capped_too()
    {
        var state = new NoDataState();
        for (var i = 0; i < 4; i++)
        {
            state.FirstMissingChecks[$"m{i}"] = Now - 600;
            state.LastAnomalyChecks[$"m{i}"] = Now - 600 + i;
        }
        NoDataRetention.Apply(state, Now, maxDimensionSets: 2);
        Assert.Equal(["m2", "m3"], state.FirstMissingChecks.Keys.Order());
        Assert.Equal(["m2", "m3"], state.LastAnomalyChecks.Keys.Order());
    }
}
