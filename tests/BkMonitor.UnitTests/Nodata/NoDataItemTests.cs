using System.Text.Json;
using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.Nodata;

namespace BkMonitor.UnitTests.Nodata;

public sealed class NoDataItemTests
{
    private const long T = 1_700_000_040; // a multiple of 60

    private static StrategyItem Item(bool enabled, int continuous = 2, int? agg = 60) => JsonSerializer.Deserialize<StrategyItem>($$"""
        {"id": 7, "name": "cpu usage",
         "no_data_config": {"is_enabled": {{(enabled ? "true" : "false")}}, "continuous": {{continuous}}, "level": 3, "agg_dimension": ["host"]},
         "query_configs": [{"agg_interval": {{(agg is null ? "null" : agg.ToString())}}, "agg_dimension": ["host", "device"]}]}
        """)!;

    private static IReadOnlyDictionary<string, string> Dims(string host) => new Dictionary<string, string> { ["host"] = host, ["device"] = "eth0" };

    private static ItemRecords Columns(params (string Host, long Time)[] points)
    {
        var hosts = points.Select(p => p.Host).Distinct().ToList();
        var table = new SeriesTable(hosts.Select(h => CountMd5.Of(Dims(h))).ToList(), hosts.Select(Dims).ToList());
        var series = points.Select(p => hosts.IndexOf(p.Host)).ToArray();
        return ItemRecords.FromColumns(7, new ItemColumns(table, series, points.Select(p => p.Time).ToArray(), new double[points.Length], points.Length));
    }

    private static string NoDataMd5(string host) => CountMd5.Of(new Dictionary<string, object?> { ["host"] = host, ["__NO_DATA_DIMENSION__"] = true });

    [Fact]
    public void An_item_with_nodata_disabled_has_no_check()
        => Assert.Null(NoDataItem.For(1, Item(enabled: false)));

    [Fact]
    public void The_request_carries_the_nodata_config_and_the_first_query_interval()
    {
        var request = NoDataItem.For(5, Item(enabled: true, agg: 300))!.Request;
        Assert.Equal((5L, 7L, "cpu usage", 300, 3), (request.StrategyId, request.ItemId, request.ItemName, request.AggInterval, request.Level));
        Assert.Equal(["host"], request.AggDimensions);
        Assert.Equal(60, NoDataItem.For(5, Item(enabled: true, agg: null))!.Request.AggInterval);
    }

    [Fact]
    public void Fed_records_of_both_forms_reach_the_inbox_once_per_series_and_time()
    {
        var item = NoDataItem.For(1, Item(enabled: true))!;
        item.Feed(Columns(("h1", T), ("h2", T)));
        item.Feed(Columns(("h1", T)));
        item.Feed(new ItemRecords(7, [new DataPointRecord { RecordId = $"{CountMd5.Of(Dims("h1"))}.{T}", Dimensions = Dims("h1"), Time = T }]));
        Assert.Equal(["h1", "h2"], item.Inbox.Pending.Select(p => p.Dimensions["host"]));
    }

    [Fact]
    public void A_set_seen_then_missing_is_anomalous_once_per_due_check()
    {
        var item = NoDataItem.For(1, Item(enabled: true))!;
        var state = new NoDataState();
        item.StartBlind(state, T + 10);
        Assert.Equal(T, state.LastCheckTime);

        item.Feed(Columns(("h1", T), ("h2", T), ("h1", T + 60), ("h2", T + 60), ("h1", T + 120)));
        Assert.Empty(item.CheckDue(state, T + 60)); // only blind periods are due
        Assert.Empty(item.CheckDue(state, T + 120)); // T+60: both reported
        item.Feed(Columns(("h1", T + 180)));
        // One late tick stands for two: T+120 and T+180 are both checked, h2 missing in each.
        var anomalies = item.CheckDue(state, T + 240);

        Assert.Equal([T + 120, T + 180], anomalies.Select(a => a.Time));
        Assert.All(anomalies, a => Assert.Equal((NoDataMd5("h2"), 3), (a.DimensionsMd5, a.Level)));
        Assert.Equal("当前指标(cpu usage)已经有2个周期无数据上报", anomalies[1].AnomalyMessage);
        Assert.True(state.IsNoDataOngoing(NoDataMd5("h2")));
        Assert.False(state.IsNoDataOngoing(NoDataMd5("h1")));
        Assert.Equal(T + 180, state.LastAnomalyChecks[NoDataMd5("h2")]);
    }

    [Fact]
    public void A_blind_start_never_moves_the_last_check_back()
    {
        var item = NoDataItem.For(1, Item(enabled: true))!;
        var state = new NoDataState { LastCheckTime = T + 600 };
        item.StartBlind(state, T);
        Assert.Equal(T + 600, state.LastCheckTime);
    }

    [Fact]
    public void The_anomaly_record_hashes_to_its_record_id_and_carries_the_nodata_level()
    {
        var item = NoDataItem.For(9, Item(enabled: true))!;
        var anomaly = Assert.Single(item.CheckDue(new NoDataState(), T));

        var record = NoDataAnomalyRecords.From(9, 7, anomaly);

        Assert.Equal(NoDataChecker.WholeItemMd5, CountMd5.Of(record.Data.Dimensions));
        Assert.Equal(new Dictionary<string, string> { ["__NO_DATA_DIMENSION__"] = "True" }, record.Data.Dimensions);
        Assert.Equal((NoDataChecker.WholeItemMd5, T - 60, (double?)null), (record.Data.DimensionsMd5, record.Data.Time, record.Data.Value));
        Assert.Equal((9L, 7L), (record.StrategyId, record.ItemId));
        var info = Assert.Single(record.Anomaly);
        Assert.Equal((3, $"{NoDataChecker.WholeItemMd5}.{T - 60}.9.7.3"), (info.Key, info.Value.AnomalyId));
        Assert.Equal("当前指标(cpu usage)已经有1个周期无数据上报", info.Value.AnomalyMessage);
    }
}
