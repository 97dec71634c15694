using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.Grains.Access;
using BkMonitor.Grains.Detect;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.TimeSeries;
using static BkMonitor.UnitTests.Pipeline.ItemQueryPlanTests;
using static BkMonitor.UnitTests.Pipeline.PipelineStrategies;

namespace BkMonitor.UnitTests.Pipeline;

/// <summary>The columnar push path: store groups, the per-item series index, handed-on memory and detect by series index.</summary>
public sealed class ColumnarPathTests
{
    private readonly TimeSeriesStore _store = new(TimeSpan.FromDays(1));

    [Fact]
    public void Query_groups_of_own_series_come_in_time_order_then_first_appearance()
    {
        _store.Append(Table, "cpu", Series(("host", "h2")), T0 + 60, 4, T0);
        _store.Append(Table, "cpu", Series(("host", "h2")), T0, 3, T0);
        _store.Append(Table, "cpu", Series(("host", "h1")), T0 + 10, 1, T0);
        _store.Append(Table, "cpu", Series(("host", "h1")), T0 + 20, 2, T0);
        var buckets = _store.QueryGroups(new TimeSeriesQuery(Table, "cpu", AggMethod.Avg, 60, ["host"], T0, T0 + 120));

        Assert.Equal([(T0, "host=h2", 3d), (T0, "host=h1", 1.5), (T0 + 60, "host=h2", 4d)],
            buckets.Select(b => (b.Time, b.Group.ToString(), b.Value)));
    }

    [Fact]
    public void Query_groups_into_a_given_list_replace_what_it_held()
    {
        _store.Append(Table, "cpu", Series(("host", "h1")), T0, 1, T0);
        _store.Append(Table, "cpu", Series(("host", "h1")), T0 + 60, 2, T0);
        var reused = new List<GroupBucket>();
        Assert.Same(reused, _store.QueryGroups(new TimeSeriesQuery(Table, "cpu", AggMethod.Avg, 60, ["host"], T0, T0 + 120), reused));
        Assert.Equal(2, reused.Count);

        _store.QueryGroups(new TimeSeriesQuery(Table, "cpu", AggMethod.Avg, 60, ["host"], T0 + 60, T0 + 120), reused);
        Assert.Equal([(T0 + 60, 2d)], reused.Select(b => (b.Time, b.Value)));
        Assert.Empty(_store.QueryGroups(new TimeSeriesQuery("no_such_table", "cpu", AggMethod.Avg, 60, ["host"], T0, T0 + 120), reused));
    }

    [Fact]
    public void Query_groups_merge_series_that_share_a_group()
    {
        _store.Append(Table, "cpu", Series(("host", "h1"), ("disk", "a")), T0, 10, T0);
        _store.Append(Table, "cpu", Series(("host", "h1"), ("disk", "b")), T0 + 5, 30, T0);
        _store.Append(Table, "cpu", Series(("host", "h1")), T0 + 7, 50, T0);
        var bucket = Assert.Single(_store.QueryGroups(new TimeSeriesQuery(Table, "cpu", AggMethod.Sum, 60, ["host"], T0, T0 + 60)));
        Assert.Equal(("host=h1", 90d), (bucket.Group.ToString(), bucket.Value));
    }

    [Fact]
    public void Series_index_computes_a_series_once_and_republishes_the_table_only_when_it_grows()
    {
        var index = new ItemSeriesIndex(new StrategyItemAccess(Threshold(extraCondition: """{"key": "host", "method": "neq", "value": ["h9"]}""").Items[0]));
        var h1 = Series(("host", "h1"));
        Assert.Equal(0, index.IndexOf(h1));
        var table = index.Table;
        Assert.Equal(0, index.IndexOf(Series(("host", "h1"))));
        Assert.Same(table, index.Table);

        Assert.Equal(1, index.IndexOf(Series(("host", "h9"))));
        var grown = index.Table;
        Assert.NotSame(table, grown);
        Assert.Equal([Md5("h1"), Md5("h9")], grown.Md5);
        Assert.Equal("h9", grown.Dimensions[1]["host"]);
        Assert.Single(table.Md5); // a published table never changes
        Assert.True(index.IsInRange(0));
        Assert.False(index.IsInRange(1)); // agg_condition host != h9
        Assert.Equal(0, index.IndexOf(Md5("h1"), new Dictionary<string, string?> { ["host"] = "h1" }));
    }

    [Fact]
    public void Handed_on_records_restored_by_record_id_come_alive_when_their_series_is_indexed()
    {
        var memory = new HandedOnRecords();
        memory.Restore(new Dictionary<string, double> { [$"{Md5("h1")}.{T0}"] = 5, [$"{Md5("h2")}.{T0}"] = 6, ["garbage"] = 1 });
        var index = new ItemSeriesIndex(new StrategyItemAccess(Threshold().Items[0])) { Added = memory.OnSeriesAdded };
        var h1 = index.IndexOf(Series(("host", "h1")));

        Assert.True(memory.IsUnchanged(h1, T0, 5));
        Assert.False(memory.IsUnchanged(h1, T0, 5.5));
        Assert.Equal(new Dictionary<string, double> { [$"{Md5("h1")}.{T0}"] = 5, [$"{Md5("h2")}.{T0}"] = 6 }, memory.ToRecordIds(index));
        Assert.True(memory.Since(T0, index).Contains(T0, $"{Md5("h2")}.{T0}"));

        memory.Set(h1, T0 + 60, 7);
        memory.PruneBefore(T0 + 60);
        Assert.Equal(new Dictionary<string, double> { [$"{Md5("h1")}.{T0 + 60}"] = 7 }, memory.ToRecordIds(index));
    }

    [Fact]
    public void Handed_on_values_are_kept_per_series_and_time_in_any_arrival_order()
    {
        var memory = new HandedOnRecords();
        var index = new ItemSeriesIndex(new StrategyItemAccess(Threshold().Items[0])) { Added = memory.OnSeriesAdded };
        var h1 = index.IndexOf(Series(("host", "h1")));
        var h2 = index.IndexOf(Series(("host", "h2")));
        memory.Set(h1, T0 + 120, 3);
        memory.Set(h1, T0, 1);
        memory.Set(h1, T0 + 60, 2);
        memory.Set(h1, T0 + 60, 2.5);
        memory.Set(h2, T0 + 60, 9);

        Assert.True(memory.IsUnchanged(h1, T0, 1));
        Assert.True(memory.IsUnchanged(h1, T0 + 60, 2.5));
        Assert.True(memory.IsUnchanged(h1, T0 + 120, 3));
        Assert.False(memory.IsUnchanged(h1, T0 + 30, 1));
        Assert.False(memory.IsUnchanged(h2, T0, 9));
        Assert.False(memory.IsUnchanged(7, T0, 1));
        Assert.Equal(4, memory.Count);

        memory.PruneBefore(T0 + 60);
        Assert.Equal(new Dictionary<string, double> { [$"{Md5("h1")}.{T0 + 60}"] = 2.5, [$"{Md5("h1")}.{T0 + 120}"] = 3, [$"{Md5("h2")}.{T0 + 60}"] = 9 },
            memory.ToRecordIds(index));
        Assert.Equal(3, memory.Count);
    }

    [Fact]
    public void Item_columns_build_bk_monitor_record_ids_on_demand()
    {
        var table = new SeriesTable([Md5("h1")], [Host("h1")]);
        var columns = new ItemColumns(table, [0, 0], [T0, T0 + 60], [1.5, 2], 2);
        var record = columns.Record(1);
        Assert.Equal(($"{Md5("h1")}.{T0 + 60}", 2d, T0 + 60, "h1"), (record.RecordId, record.Value!.Value, record.Time, record.Dimensions["host"]));
        Assert.Equal(CountMd5.Of(Host("h1")), record.DimensionsMd5);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemColumns(table, [0], [T0], [1], 2));
        Assert.Throws<ArgumentException>(() => new SeriesTable([Md5("h1")], []));
    }

    [Fact]
    public void Series_result_index_keeps_each_series_log_when_the_table_grows()
    {
        var results = new ItemCheckResults([1], 600);
        var index = new SeriesResultIndex();
        var small = new SeriesTable([Md5("h1")], [Host("h1")]);
        var first = index.For(small, results);
        Assert.Same(first, index.For(small, results));
        var grown = index.For(new SeriesTable([Md5("h1"), Md5("h2")], [Host("h1"), Host("h2")]), results);
        Assert.Same(first[0], grown[0]);
        Assert.Same(results.SeriesFor(Md5("h2")), grown[1]);
    }

    [Fact]
    public void Columnar_detect_finds_what_record_detect_finds_with_the_same_ids_messages_and_check_results()
    {
        var strategy = Threshold();
        var points = new (string Host, long Time, double Value)[] { ("h1", T0, 95), ("h2", T0, 10), ("h1", T0 + 60, 20), ("h2", T0 + 60, 99.5) };
        var table = new SeriesTable([Md5("h1"), Md5("h2")], [Host("h1"), Host("h2")]);
        var columns = new ItemColumns(table, [.. points.Select(p => p.Host == "h1" ? 0 : 1)], [.. points.Select(p => p.Time)], [.. points.Select(p => p.Value)], points.Length);

        var byColumns = new StrategyDetector(strategy, 1);
        var byRecords = new StrategyDetector(strategy, 1);
        var fromColumns = byColumns.Detect(new AccessBatch { StrategyId = 7, Version = 1, Items = [ItemRecords.FromColumns(1, columns)] }, T0 + 100);
        var fromRecords = byRecords.Detect(Batch(columns.ToRecords()), T0 + 100);

        Assert.Equal([AnomalyId("h1", T0, 7, 1), AnomalyId("h2", T0 + 60, 7, 1)], fromColumns.Select(a => a.Anomaly[1].AnomalyId));
        Assert.Equal(fromRecords.Select(Describe), fromColumns.Select(Describe));
        foreach (var host in new[] { "h1", "h2" })
        {
            Assert.Equal(byRecords.CheckResults(1, Md5(host), 1, T0, T0 + 60), byColumns.CheckResults(1, Md5(host), 1, T0, T0 + 60), SliceComparer.Instance);
        }
    }

    [Fact]
    public void A_columnar_batch_survives_the_stream_codec_and_detects_the_same_anomalies()
    {
        var points = new (string Host, long Time, double Value)[] { ("h1", T0, 95), ("h2", T0, 10), ("h2", T0 + 60, 99.5) };
        var table = new SeriesTable([Md5("h1"), Md5("h2")], [Host("h1"), Host("h2")]);
        var columns = new ItemColumns(table, [.. points.Select(p => p.Host == "h1" ? 0 : 1)], [.. points.Select(p => p.Time)], [.. points.Select(p => p.Value)], points.Length);
        var batch = new AccessBatch { StrategyId = 7, Version = 1, Items = [ItemRecords.FromColumns(1, columns)] };

        // What a Redis Streams queue does to every event between silos.
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(batch, BkMonitor.Runtime.Streams.StreamEventTypes.Json);
        var copy = System.Text.Json.JsonSerializer.Deserialize<AccessBatch>(json, BkMonitor.Runtime.Streams.StreamEventTypes.Json)!;

        Assert.Equal(3, copy.RecordCount);
        var original = new StrategyDetector(Threshold(), 1).Detect(batch, T0 + 100);
        var decoded = new StrategyDetector(Threshold(), 1).Detect(copy, T0 + 100);
        Assert.Equal(2, decoded.Count);
        Assert.Equal(original.Select(Describe), decoded.Select(Describe));
    }

    private static string Describe(AnomalyRecord anomaly) =>
        $"{anomaly.Data.RecordId} {anomaly.Data.Value} {anomaly.Data.Dimensions["host"]} {anomaly.Anomaly[1].AnomalyMessage} {anomaly.Anomaly[1].AnomalyTime}";

    private sealed class SliceComparer : IEqualityComparer<CheckResultSlice>
    {
        public static readonly SliceComparer Instance = new();

        public bool Equals(CheckResultSlice? x, CheckResultSlice? y) =>
            x is not null && y is not null && x.LastCheckpoint == y.LastCheckpoint && x.Points.SequenceEqual(y.Points) && x.Points.Count > 0;

        public int GetHashCode(CheckResultSlice obj) => obj.Points.Count;
    }
}
