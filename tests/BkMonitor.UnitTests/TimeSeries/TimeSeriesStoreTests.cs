using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.UnitTests.TimeSeries;

public sealed class TimeSeriesStoreTests
{
    // A multiple of 60, so buckets of 60 s start at Now - k·60.
    private const long Now = 1_699_999_980;
    private static readonly SeriesKey HostA = Key(("ip", "10.0.0.1"), ("disk", "/"));
    private static readonly SeriesKey HostB = Key(("ip", "10.0.0.2"), ("disk", "/"));

    private static SeriesKey Key(params (string K, string V)[] pairs) => new(pairs.Select(p => KeyValuePair.Create(p.K, p.V)));

    private static TimeSeriesQuery Query(AggMethod method, params string[] groupBy)
        => new("2_bkmonitor_time_series_1500001.__default__", "usage", method, 60, groupBy, Now - 600, Now);

    private static TimeSeriesStore StoreWith(params (SeriesKey Key, long Time, double Value)[] points)
    {
        var store = new TimeSeriesStore(TimeSpan.FromDays(1));
        foreach (var (key, time, value) in points)
        {
            Assert.True(store.Append("2_bkmonitor_time_series_1500001.__default__", "usage", key, time, value, Now));
        }
        return store;
    }

    [Theory]
    [InlineData(AggMethod.Avg, 20.0)]
    [InlineData(AggMethod.Sum, 60.0)]
    [InlineData(AggMethod.Min, 10.0)]
    [InlineData(AggMethod.Max, 30.0)]
    [InlineData(AggMethod.Count, 3.0)]
    [InlineData(AggMethod.Last, 30.0)]
    public void Aggregates_points_of_one_bucket(AggMethod method, double expected)
    {
        // Bucket [Now-120, Now-60): points inserted out of order; "last" is the latest by time, not by arrival.
        var store = StoreWith((HostA, Now - 100, 20), (HostA, Now - 70, 30), (HostA, Now - 110, 10));
        var bucket = Assert.Single(store.Query(Query(method, "ip")));
        Assert.Equal(Now - 120, bucket.Time);
        Assert.Equal(expected, bucket.Value);
        Assert.Equal("10.0.0.1", bucket.Dimensions["ip"]);
    }

    [Fact]
    public void Group_by_merges_series_that_share_the_grouped_dimensions()
    {
        var store = StoreWith((HostA, Now - 100, 1), (HostB, Now - 100, 3));
        var merged = Assert.Single(store.Query(Query(AggMethod.Sum, "disk")));
        Assert.Equal(4, merged.Value);
        Assert.Equal(2, store.Query(Query(AggMethod.Sum, "ip", "disk")).Count);
    }

    [Fact]
    public void Range_is_from_inclusive_until_exclusive()
    {
        var store = StoreWith((HostA, Now - 600, 1), (HostA, Now, 2));
        var bucket = Assert.Single(store.Query(Query(AggMethod.Sum, "ip")));
        Assert.Equal(Now - 600, bucket.Time);
    }

    [Fact]
    public void Same_second_is_replaced_not_duplicated()
    {
        var store = StoreWith((HostA, Now - 100, 5), (HostA, Now - 100, 7));
        Assert.Equal(7, Assert.Single(store.Query(Query(AggMethod.Sum, "ip"))).Value);
    }

    [Fact]
    public void Filter_drops_series()
    {
        var store = StoreWith((HostA, Now - 100, 1), (HostB, Now - 100, 3));
        var q = Query(AggMethod.Sum, "ip") with { Filter = d => d["ip"] == "10.0.0.2" };
        Assert.Equal(3, Assert.Single(store.Query(q)).Value);
    }

    [Fact]
    public void Points_past_retention_are_refused_and_compacted()
    {
        var store = new TimeSeriesStore(TimeSpan.FromHours(1));
        Assert.False(store.Append("rt", "m", HostA, Now - 3601, 1, Now));
        Assert.True(store.Append("rt", "m", HostA, Now - 3000, 1, Now));
        Assert.True(store.Append("rt", "m", HostA, Now - 10, 1, Now));
        Assert.Equal(1, store.Compact(Now + 1000));
        Assert.Equal((1, 1L), store.Size());
        Assert.Equal(1, store.Compact(Now + 4000));
        Assert.Equal((0, 0L), store.Size());
    }

    [Fact]
    public void Unknown_table_or_metric_returns_nothing()
    {
        var store = StoreWith((HostA, Now - 100, 1));
        Assert.Empty(store.Query(Query(AggMethod.Avg) with { Metric = "other" }));
        Assert.Empty(store.Query(Query(AggMethod.Avg) with { ResultTable = "other" }));
    }

    [Fact]
    public void Non_finite_values_are_refused()
        => Assert.False(new TimeSeriesStore(TimeSpan.FromDays(1)).Append("rt", "m", HostA, Now, double.NaN, Now));

    [Fact]
    public void Floor_handles_negative_times()
    {
        Assert.Equal(120, TimeSeriesStore.FloorTo(179, 60));
        Assert.Equal(-60, TimeSeriesStore.FloorTo(-1, 60));
    }
}
