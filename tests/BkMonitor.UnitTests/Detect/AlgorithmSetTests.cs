using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.Grains.Detect;
using static BkMonitor.UnitTests.Detect.DetectFixture;

namespace BkMonitor.UnitTests.Detect;

public sealed class AlgorithmSetTests
{
    private const long Now = 1_700_000_100;
    private static readonly Dictionary<string, string> Dimensions = new() { ["ip"] = "127.0.0.1" };
    private const string DimensionsMd5 = "342a08e0f85f169a7e099c18db3708ed"; // count_md5({"ip": "127.0.0.1"})

    private static AlgorithmSpec Threshold(int level, string method, double threshold, string? prefix = null) =>
        new(level, "Threshold", Json($$"""[[{"threshold": {{threshold}}, "method": "{{method}}"}]]"""), prefix);

    private static AlgorithmSet Compile(IReadOnlyDictionary<int, string>? connectors, params AlgorithmSpec[] algorithms) =>
        AlgorithmSet.Compile(new DetectItemSpec(7, 8, "avg(cpu)", "", 60, "time_series", algorithms, connectors));

    private static DataPointRecord Point(double? value, long time = T) => new()
    {
        RecordId = DetectIds.RecordId(Dimensions, time),
        Value = value,
        Dimensions = Dimensions,
        Time = time,
    };

    [Fact]
    public void Record_id_prefix_is_the_dimensions_count_md5()
    {
        Assert.Equal($"{DimensionsMd5}.{T}", DetectIds.RecordId(Dimensions, T));
        Assert.Equal(DimensionsMd5, Point(1).DimensionsMd5);
        Assert.Equal($"{DimensionsMd5}.{T}.7.8.2", DetectIds.AnomalyId(DetectIds.RecordId(Dimensions, T), 7, 8, 2));
    }

    [Fact]
    public void Anomaly_carries_message_id_and_detection_time()
    {
        var set = Compile(null, Threshold(1, "gte", 90));
        var record = set.Detect(Point(95), new InMemoryHistorySource(), Now)!;
        var info = Assert.Single(record.Anomaly);
        Assert.Equal(1, info.Key);
        Assert.Equal("avg(cpu) >= 90.0, 当前值95.0", info.Value.AnomalyMessage);
        Assert.Equal($"{DimensionsMd5}.{T}.7.8.1", info.Value.AnomalyId);
        Assert.Equal(Now, info.Value.AnomalyTime);
        Assert.Equal(7, record.StrategyId);
        Assert.Equal(8, record.ItemId);
    }

    [Fact]
    public void Every_level_is_evaluated_into_one_record()
    {
        var set = Compile(null, Threshold(2, "gte", 80), Threshold(1, "gte", 90), Threshold(3, "gte", 99));
        var record = set.Detect(Point(95), new InMemoryHistorySource(), Now)!;
        Assert.Equal([1, 2], record.Anomaly.Keys.Order());
        Assert.EndsWith(".7.8.2", record.Anomaly[2].AnomalyId, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], set.Levels);
    }

    [Fact]
    public void Normal_and_valueless_points_yield_nothing()
    {
        var set = Compile(null, Threshold(1, "gte", 90));
        Assert.Null(set.Detect(Point(10), new InMemoryHistorySource(), Now));
        Assert.Null(set.Detect(Point(null), new InMemoryHistorySource(), Now));
    }

    [Fact]
    public void And_connector_needs_every_algorithm_and_joins_messages()
    {
        var set = Compile(null, Threshold(1, "gte", 90), Threshold(1, "lte", 99));
        Assert.Equal("avg(cpu) >= 90.0 同时  <= 99.0, 当前值95.0",
            set.Detect(Point(95), new InMemoryHistorySource(), Now)!.Anomaly[1].AnomalyMessage);
        Assert.Null(set.Detect(Point(100), new InMemoryHistorySource(), Now));
    }

    [Fact]
    public void Or_connector_takes_the_first_algorithm_that_flags()
    {
        var set = Compile(new Dictionary<int, string> { [1] = "or" }, Threshold(1, "gte", 90), Threshold(1, "gte", 50));
        Assert.Equal("avg(cpu) >= 50.0, 当前值60.0", set.Detect(Point(60), new InMemoryHistorySource(), Now)!.Anomaly[1].AnomalyMessage);
        Assert.Equal("avg(cpu) >= 90.0, 当前值95.0", set.Detect(Point(95), new InMemoryHistorySource(), Now)!.Anomaly[1].AnomalyMessage);
    }

    [Fact]
    public void Unknown_connector_means_and()
    {
        var set = Compile(new Dictionary<int, string> { [1] = "xor" }, Threshold(1, "gte", 90), Threshold(1, "gte", 50));
        Assert.Null(set.Detect(Point(60), new InMemoryHistorySource(), Now));
    }

    [Fact]
    public void Messages_without_value_framing_stay_bare()
    {
        var set = Compile(null, new AlgorithmSpec(1, "PingUnreachable", Json("{}")));
        Assert.Equal("Ping不可达", set.Detect(Point(1), new InMemoryHistorySource(), Now)!.Anomaly[1].AnomalyMessage);
    }

    [Fact]
    public void History_algorithms_read_the_series_of_the_record()
    {
        var history = new InMemoryHistorySource();
        history.Record(DimensionsMd5, T - 60, 100);
        var set = Compile(null, new AlgorithmSpec(1, "SimpleRingRatio", Json("""{"floor": null, "ceil": 50}""")));
        Assert.NotNull(set.Detect(Point(150), history, Now));
    }

    [Fact]
    public void Batch_detection_appends_anomalies_in_order()
    {
        var set = Compile(null, Threshold(1, "gte", 90));
        var found = new List<AnomalyRecord>();
        var count = set.Detect([Point(95, T), Point(1, T + 60), Point(99, T + 120)], new InMemoryHistorySource(), Now, found);
        Assert.Equal(2, count);
        Assert.Equal([T, T + 120], found.Select(r => r.Data.Time));
    }

    [Fact]
    public void Compile_names_the_bad_algorithm()
    {
        var e = Assert.Throws<InvalidAlgorithmConfigException>(() => Compile(null,
            Threshold(1, "gte", 90), new AlgorithmSpec(1, "SimpleRingRatio", Json("""{"floor": -5, "ceil": null}"""))));
        Assert.Equal("algorithms[1].config.floor: must be >= 0.0, got -5.0", Assert.Single(e.Errors));
    }

    [Fact]
    public void Normal_points_allocate_nothing_on_a_threshold_set()
    {
        var set = Compile(null, Threshold(1, "gte", 90), Threshold(2, "gte", 80, "%"));
        var history = new InMemoryHistorySource();
        var point = Point(50);
        for (var i = 0; i < 100; i++) set.Detect(point, history, Now); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) set.Detect(point, history, Now);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Compile_rejects_levels_outside_1_to_3() =>
        Assert.Throws<ArgumentException>(() => Compile(null, Threshold(4, "gte", 1)));
}
