using System.Text.Json;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Access;

namespace BkMonitor.UnitTests.Access;

public sealed class StrategyItemAccessTests
{
    private const long Now = 1_700_000_135;
    private const long T0 = 1_699_999_800; // a minute boundary, 335 s before now
    private const string LocalHostMd5 = "ac6847eefd664275c7b3693829f68bab"; // count_md5({bk_target_ip: 127.0.0.1, bk_target_cloud_id: "0"})

    private static StrategyItem Item(Func<QueryConfig, QueryConfig>? query = null, IReadOnlyList<IReadOnlyList<TargetCondition>>? target = null)
    {
        var config = new QueryConfig
        {
            DataSourceLabel = "bk_monitor",
            DataTypeLabel = "time_series",
            MetricField = "usage",
            AggMethod = "AVG",
            AggInterval = 60,
            AggDimension = ["bk_target_ip", "bk_target_cloud_id"],
        };
        return new StrategyItem { Id = 11, QueryConfigs = [query is null ? config : query(config)], Target = target ?? [] };
    }

    private static DataPoint Point(long time, double? value, string ip = "127.0.0.1", string cloud = "0") =>
        new("usage", new Dictionary<string, string?> { ["bk_target_ip"] = ip, ["bk_target_cloud_id"] = cloud }, time, value);

    private static AccessResult Run(StrategyItemAccess access, long checkpoint, params DataPoint[] points) =>
        access.Process(points, Now, checkpoint, new AccessDeduplicator());

    [Fact]
    public void Record_carries_md5_of_dimensions_and_time()
    {
        var result = Run(new StrategyItemAccess(Item()), 0, Point(T0, 12.5));

        var record = Assert.Single(result.Records);
        Assert.Equal($"{LocalHostMd5}.{T0}", record.RecordId);
        Assert.Equal(12.5, record.Value);
        Assert.Equal(T0, record.Time);
        Assert.Equal("127.0.0.1", record.Dimensions["bk_target_ip"]);
        Assert.Equal(new Dictionary<string, double> { ["usage"] = 12.5, ["time"] = T0 }, record.Values);
    }

    [Fact]
    public void Value_is_rounded_to_six_decimals()
    {
        var record = Run(new StrategyItemAccess(Item()), 0, Point(T0, 1.23456789)).Records[0];

        Assert.Equal(1.234568, record.Value);
        Assert.Equal(1.234568, record.Values["usage"]);
    }

    [Fact]
    public void Points_without_value_are_dropped()
    {
        var result = Run(new StrategyItemAccess(Item()), 0, Point(T0, null), Point(T0 + 60, double.NaN), Point(T0 + 120, 0));

        Assert.Equal([T0 + 120], result.Records.Select(r => r.Time));
        Assert.Equal(2, result.Counts.NoValue);
    }

    [Fact]
    public void Dimensions_are_reduced_to_the_group_by_with_missing_ones_as_none()
    {
        var point = new DataPoint(null, new Dictionary<string, string?> { ["bk_target_ip"] = "127.0.0.1", ["pod"] = "web-1" }, T0, 1);

        var record = Run(new StrategyItemAccess(Item()), 0, point).Records[0];

        Assert.Equal(["bk_target_cloud_id", "bk_target_ip"], record.Dimensions.Keys.Order());
        Assert.Null(record.Dimensions["bk_target_cloud_id"]);
        Assert.Equal($"4e0de16b4a5a47c4551812f0c95de252.{T0}", record.RecordId);
        Assert.Equal(["time", "usage"], record.Values.Keys.Order());
    }

    [Fact]
    public void Ungrouped_data_keeps_all_dimensions()
    {
        var access = new StrategyItemAccess(Item(q => q with { DataSourceLabel = "custom", DataTypeLabel = "event" }));
        var point = new DataPoint(null, new Dictionary<string, string?> { ["host"] = "a", ["extra"] = "x" }, T0, 1);

        Assert.Equal($"26b04ca72877004a7086a55278c6e96b.{T0}", Run(access, 0, point).Records[0].RecordId);
    }

    [Fact]
    public void Same_record_twice_in_a_window_is_taken_once_the_later_winning()
    {
        var result = Run(new StrategyItemAccess(Item()), 0, Point(T0, 1), Point(T0, 2));

        Assert.Equal(2, Assert.Single(result.Records).Value);
        Assert.Equal(1, result.Counts.Duplicates);
    }

    [Fact]
    public void Late_data_repull_skips_what_was_handed_on_and_takes_the_new()
    {
        var access = new StrategyItemAccess(Item());
        var seen = new AccessDeduplicator();
        var first = access.Process([Point(T0, 1), Point(T0 + 60, 2)], Now, 0, seen);
        Assert.Equal(T0 + 60, first.Checkpoint);

        // The next window starts one period before the checkpoint: T0 + 60 is pulled again, and a
        // series that arrived late for T0 + 60 shows up with it.
        var window = access.WindowAt(first.Checkpoint, Now + 60);
        Assert.Equal(T0, window.From);
        var second = access.Process([Point(T0 + 60, 2), Point(T0 + 60, 5, ip: "127.0.0.2"), Point(T0 + 120, 3)], Now + 60, first.Checkpoint, seen, window);

        Assert.Equal([(T0 + 60, 5.0), (T0 + 120, 3.0)], second.Records.Select(r => (r.Time, r.Value)));
        Assert.Equal($"f4ec8daee39b9206a6a8f464c33116e0.{T0 + 60}", second.Records[0].RecordId);
        Assert.Equal(1, second.Counts.Duplicates);
        Assert.Equal(T0 + 120, second.Checkpoint);
    }

    [Fact]
    public void At_most_ten_timestamps_are_taken_per_run_the_oldest_first()
    {
        var access = new StrategyItemAccess(Item());
        var points = Enumerable.Range(0, 12).Reverse()
            .SelectMany(i => new[] { Point(T0 + 60 * i, i), Point(T0 + 60 * i, i, ip: "127.0.0.2") })
            .ToArray();
        var seen = new AccessDeduplicator();

        var result = access.Process(points, Now + 600, 0, seen);

        Assert.Equal(20, result.Records.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => T0 + 60 * i), result.Records.Select(r => r.Time).Distinct());
        Assert.Equal(4, result.Counts.Deferred);
        Assert.Equal(T0 + 540, result.Checkpoint);

        // The deferred timestamps come with the next run.
        var next = access.Process(points, Now + 660, result.Checkpoint, seen);
        Assert.Equal([T0 + 600, T0 + 660], next.Records.Select(r => r.Time).Distinct());
    }

    [Fact]
    public void Records_leave_in_time_order()
    {
        var result = Run(new StrategyItemAccess(Item()), 0, Point(T0 + 120, 3), Point(T0, 1), Point(T0 + 60, 2));

        Assert.Equal([T0, T0 + 60, T0 + 120], result.Records.Select(r => r.Time));
    }

    [Fact]
    public void Checkpoint_stays_when_nothing_new_arrives()
    {
        var result = Run(new StrategyItemAccess(Item()), T0 + 600);

        Assert.Equal(T0 + 600, result.Checkpoint);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void Points_outside_the_window_are_dropped()
    {
        var access = new StrategyItemAccess(Item());
        var window = new AccessWindow(T0, T0 + 120);

        var result = access.Process([Point(T0 - 60, 1), Point(T0, 2), Point(T0 + 60, 3), Point(T0 + 120, 4)], Now, 0, new AccessDeduplicator(), window);

        Assert.Equal([T0, T0 + 60], result.Records.Select(r => r.Time));
        Assert.Equal(2, result.Counts.OutOfWindow);
    }

    [Fact]
    public void Records_older_than_1800_seconds_expire_at_agg_60()
    {
        var result = Run(new StrategyItemAccess(Item()), 0, Point(Now - 1801, 1), Point(Now - 1800, 2));

        Assert.Equal([Now - 1800], result.Records.Select(r => r.Time));
        Assert.Equal(1, result.Counts.Expired);
        Assert.Equal(Now - 1800, result.Checkpoint);
    }

    [Fact]
    public void Expiry_is_ten_periods_for_long_periods()
    {
        var access = new StrategyItemAccess(Item(q => q with { AggInterval = 300 }));

        var result = Run(access, 0, Point(Now - 3001, 1), Point(Now - 3000, 2));

        Assert.Equal([Now - 3000], result.Records.Select(r => r.Time));
    }

    [Fact]
    public void Records_outside_the_target_are_filtered_but_advance_the_checkpoint()
    {
        var target = new[]
        {
            new[]
            {
                new TargetCondition
                {
                    Field = "bk_target_ip",
                    Value = [new Dictionary<string, JsonElement> { ["bk_target_ip"] = JsonDocument.Parse("\"127.0.0.1\"").RootElement }],
                },
            },
        };
        var access = new StrategyItemAccess(Item(target: target));

        var result = Run(access, 0, Point(T0, 1), Point(T0 + 60, 2, ip: "127.0.0.2"));

        Assert.Equal(["127.0.0.1"], result.Records.Select(r => r.Dimensions["bk_target_ip"]));
        Assert.Equal(1, result.Counts.OutOfRange);
        Assert.Equal(T0 + 60, result.Checkpoint);
    }

    [Fact]
    public void Records_failing_the_agg_condition_are_filtered()
    {
        var access = new StrategyItemAccess(Item(q => q with
        {
            AggDimension = ["bk_target_ip", "bk_target_cloud_id"],
            AggCondition = [new AggCondition { Key = "bk_target_ip", Method = "reg", Value = [@"\.1$"] }],
        }));

        var result = Run(access, 0, Point(T0, 1), Point(T0, 2, ip: "127.0.0.2"));

        Assert.Equal(["127.0.0.1"], result.Records.Select(r => r.Dimensions["bk_target_ip"]));
        Assert.True(access.IsInRange(new Dictionary<string, string?> { ["bk_target_ip"] = "10.0.0.1" }));
    }

    [Fact]
    public void Access_period_is_the_smallest_agg_interval_of_the_item()
    {
        var item = Item() with { QueryConfigs = [Item().QueryConfigs[0] with { AggInterval = 300 }, Item().QueryConfigs[0] with { AggInterval = 120 }] };

        Assert.Equal(120, new StrategyItemAccess(item).Interval);
    }

    [Fact]
    public void Item_without_query_config_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new StrategyItemAccess(new StrategyItem { Id = 3 }));
    }
}
