using BkMonitor.Grains.Nodata;

namespace BkMonitor.UnitTests.Nodata;

// md5s computed with bk-monitor's count_md5 in CPython.
public sealed class NoDataCheckerTests
{
    private const long T = 1_699_999_980; // a multiple of 60
    private const string Ip1Md5 = "a35144870e25b38740adef537db386af"; // {bk_target_ip: 10.0.0.1, __NO_DATA_DIMENSION__: True}
    private const string Ip2Md5 = "92401575401f6fc8575f67d9c7bfebe3";

    private static NoDataCheckRequest Request(IReadOnlyList<IReadOnlyDictionary<string, string>>? targets = null) => new()
    {
        StrategyId = 11,
        ItemId = 37,
        ItemName = "cpu",
        AggInterval = 60,
        Level = 2,
        AggDimensions = ["bk_target_ip"],
        TargetInstances = targets,
    };

    private static NoDataPoint Point(string ip, long time, string device = "eth0")
        => new(new Dictionary<string, string> { ["bk_target_ip"] = ip, ["device"] = device }, time);

    private static NoDataCheckResult Check(NoDataState state, long checkTime, NoDataCheckRequest? request = null, params NoDataPoint[] points)
        => NoDataChecker.Check(request ?? Request(), state, points, checkTime, checkTime + 75);

    [Theory]
    [InlineData(1_700_000_075, 60, 1_699_999_980)]
    [InlineData(1_700_000_040, 60, 1_699_999_980)]
    [InlineData(1_700_000_099, 300, 1_699_999_500)]
    public void Check_time_is_one_period_before_the_current_aligned_period(long now, int agg, long expected)
        => Assert.Equal(expected, NoDataChecker.CheckTime(now, agg));

    [Fact]
    public void Nothing_expected_and_no_data_reports_the_whole_item_once()
    {
        var result = Check(new NoDataState(), T);

        var anomaly = Assert.Single(result.Anomalies);
        Assert.Equal("3e06a0b6d0560271cafee9f08a6da2d7", NoDataChecker.WholeItemMd5);
        Assert.Equal("3e06a0b6d0560271cafee9f08a6da2d7", anomaly.DimensionsMd5);
        Assert.Equal(new Dictionary<string, object?> { ["__NO_DATA_DIMENSION__"] = true }, anomaly.Dimensions);
        Assert.Equal("3e06a0b6d0560271cafee9f08a6da2d7.1699999980", anomaly.RecordId);
        Assert.Equal("3e06a0b6d0560271cafee9f08a6da2d7.1699999980.11.37.2", anomaly.AnomalyId);
        Assert.Equal("当前指标(cpu)已经有1个周期无数据上报", anomaly.AnomalyMessage);
        Assert.Equal((T, 2), (anomaly.Time, anomaly.Level));
        Assert.Equal([new NoDataCheckPoint(NoDataChecker.WholeItemMd5, T, 2, true)], result.CheckPoints);
    }

    [Fact]
    public void Dimension_set_seen_before_and_missing_now_is_anomalous_with_its_period_count()
    {
        var state = new NoDataState();
        Assert.Empty(Check(state, T, null, Point("10.0.0.1", T), Point("10.0.0.2", T)).Anomalies);

        var second = Check(state, T + 60, null, Point("10.0.0.1", T + 60));
        var anomaly = Assert.Single(second.Anomalies);
        Assert.Equal(Ip2Md5, anomaly.DimensionsMd5);
        Assert.Equal(new Dictionary<string, object?> { ["bk_target_ip"] = "10.0.0.2", ["__NO_DATA_DIMENSION__"] = true }, anomaly.Dimensions);
        Assert.Equal("当前指标(cpu)已经有1个周期无数据上报", anomaly.AnomalyMessage);
        Assert.Contains(new NoDataCheckPoint(Ip2Md5, T + 60, 2, true), second.CheckPoints);
        Assert.Contains(new NoDataCheckPoint(Ip1Md5, T + 60, 2, false), second.CheckPoints);

        var third = Check(state, T + 120, null, Point("10.0.0.1", T + 120));
        Assert.Equal("当前指标(cpu)已经有2个周期无数据上报", Assert.Single(third.Anomalies).AnomalyMessage);
    }

    [Fact]
    public void Missed_checks_show_up_as_reporting_delay()
    {
        var state = new NoDataState();
        Check(state, T, null, Point("10.0.0.1", T), Point("10.0.0.2", T));
        var later = Check(state, T + 120, null, Point("10.0.0.1", T + 120));
        Assert.Equal("当前指标(cpu)已经有2个周期无数据上报，并且数据上报延时1个周期", Assert.Single(later.Anomalies).AnomalyMessage);
    }

    [Fact]
    public void Returning_data_ends_the_missing_state()
    {
        var state = new NoDataState();
        Check(state, T, null, Point("10.0.0.1", T), Point("10.0.0.2", T));
        Check(state, T + 60, null, Point("10.0.0.1", T + 60));
        Assert.True(state.IsNoDataOngoing(Ip2Md5));

        Assert.Empty(Check(state, T + 120, null, Point("10.0.0.1", T + 120), Point("10.0.0.2", T + 120)).Anomalies);
        Assert.False(state.IsNoDataOngoing(Ip2Md5));
    }

    [Fact]
    public void Item_without_nodata_dimensions_counts_consecutive_missing_periods()
    {
        var request = Request() with { AggDimensions = [] };
        var state = new NoDataState();
        Assert.Empty(Check(state, T, request, Point("10.0.0.1", T)).Anomalies);
        Assert.Equal("当前指标(cpu)已经有1个周期无数据上报", Assert.Single(Check(state, T + 60, request).Anomalies).AnomalyMessage);
        var third = Assert.Single(Check(state, T + 120, request).Anomalies);
        Assert.Equal(NoDataChecker.WholeItemMd5, third.DimensionsMd5);
        Assert.Equal("当前指标(cpu)已经有2个周期无数据上报", third.AnomalyMessage);
    }

    [Fact]
    public void Whole_item_alert_ends_once_anything_reports()
    {
        var state = new NoDataState();
        Check(state, T);
        Assert.True(state.IsNoDataOngoing(NoDataChecker.WholeItemMd5));
        Assert.Empty(Check(state, T + 60, null, Point("10.0.0.1", T + 60)).Anomalies);
        Assert.False(state.IsNoDataOngoing(NoDataChecker.WholeItemMd5));
    }

    [Fact]
    public void Data_older_than_what_was_already_seen_counts_as_missing()
    {
        var state = new NoDataState();
        Check(state, T, null, Point("10.0.0.1", T));
        Assert.Equal(Ip1Md5, Assert.Single(Check(state, T + 60, null, Point("10.0.0.1", T - 60)).Anomalies).DimensionsMd5);
    }

    [Fact]
    public void Points_lacking_a_nodata_dimension_are_ignored()
    {
        var invalid = new NoDataPoint(new Dictionary<string, string> { ["ip"] = "10.0.0.1" }, T);
        Assert.Equal(NoDataChecker.WholeItemMd5, Assert.Single(Check(new NoDataState(), T, null, invalid).Anomalies).DimensionsMd5);
    }

    [Fact]
    public void A_period_is_checked_once()
    {
        var state = new NoDataState();
        Check(state, T);
        Assert.True(Check(state, T).Skipped);
        Assert.True(Check(state, T - 60).Skipped);
        Assert.False(Check(state, T + 60).Skipped);
    }

    [Fact]
    public void Targets_keyed_by_the_nodata_dimensions_are_the_expected_set()
    {
        var targets = new[] { Dims("10.0.0.1"), Dims("10.0.0.2") };
        var result = Check(new NoDataState(), T, Request(targets), Point("10.0.0.1", T));
        Assert.Equal(Ip2Md5, Assert.Single(result.Anomalies).DimensionsMd5);
    }

    [Fact]
    public void Targets_with_other_keys_filter_the_history_and_report_targets_never_seen()
    {
        var request = Request() with { AggDimensions = ["bk_target_ip", "device"] };
        var state = new NoDataState();
        Check(state, T, request, Point("10.0.0.1", T, "eth0"), Point("10.0.0.3", T, "eth0"));

        var targets = new[]
        {
            new Dictionary<string, string> { ["bk_target_ip"] = "10.0.0.1", ["bk_target_cloud_id"] = "0" },
            new Dictionary<string, string> { ["bk_target_ip"] = "10.0.0.2", ["bk_target_cloud_id"] = "0" },
        };
        var result = Check(state, T + 60, request with { TargetInstances = targets });

        Assert.Equal(
            [
                new Dictionary<string, object?> { ["bk_target_ip"] = "10.0.0.1", ["device"] = "eth0", ["__NO_DATA_DIMENSION__"] = true },
                new Dictionary<string, object?> { ["bk_target_ip"] = "10.0.0.2", ["__NO_DATA_DIMENSION__"] = true },
            ],
            result.Anomalies.Select(a => a.Dimensions));
    }

    [Fact]
    public void History_lapses_after_a_day_without_checks()
    {
        var state = new NoDataState();
        NoDataChecker.Check(Request(), state, [Point("10.0.0.1", T)], T, T + 75);
        var result = NoDataChecker.Check(Request(), state, [], T + 86_400, T + 75 + 86_400);
        Assert.Equal(NoDataChecker.WholeItemMd5, Assert.Single(result.Anomalies).DimensionsMd5);
    }

    [Fact]
    public void History_from_other_nodata_dimensions_is_dropped()
    {
        var state = new NoDataState();
        Check(state, T, null, Point("10.0.0.1", T));
        var result = Check(state, T + 60, Request() with { AggDimensions = ["device"] });
        Assert.Equal(NoDataChecker.WholeItemMd5, Assert.Single(result.Anomalies).DimensionsMd5);
        Assert.DoesNotContain(Ip1Md5, state.History.Keys);
    }

    [Fact]
    public void Expected_sets_outside_the_monitoring_condition_are_not_checked()
    {
        var state = new NoDataState();
        Check(state, T, null, Point("10.0.0.1", T), Point("10.0.0.2", T));
        var request = Request() with { IsInRange = d => d["bk_target_ip"] != "10.0.0.2" };
        Assert.Empty(Check(state, T + 60, request, Point("10.0.0.1", T + 60)).Anomalies);
    }

    [Fact]
    public void Bad_request_is_rejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Check(new NoDataState(), T, Request() with { AggInterval = 0 }));

    private static IReadOnlyDictionary<string, string> Dims(string ip) => new Dictionary<string, string> { ["bk_target_ip"] = ip };
}
