using BkMonitor.Grains.Access;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.TimeSeries;
using static BkMonitor.UnitTests.Pipeline.PipelineStrategies;

namespace BkMonitor.UnitTests.Pipeline;

public sealed class ItemAccessorTests
{
    private readonly TimeSeriesStore _store = new(TimeSpan.FromDays(1));
    private readonly ItemAccessor _accessor = new(Threshold().Items[0]);

    [Fact]
    public void Push_evaluates_a_backfill_completely_on_the_data_times()
    {
        // 25 periods is more than the 10 timestamps one access pass takes: push loops until all are done.
        for (var i = 0; i < 25; i++) Append("h1", T0 + i * 60, i);
        var records = Push(T0, T0 + 24 * 60, now: T0 + 24 * 60 + 5);

        Assert.Equal(Enumerable.Range(0, 25).Select(i => T0 + i * 60), records.Select(r => r.Time));
        Assert.Equal($"{Md5("h1")}.{T0 + 60}", records[1].RecordId);
        Assert.Equal(1, records[1].Value);
        Assert.Equal(T0 + 24 * 60, _accessor.Checkpoint);
    }

    [Fact]
    public void Push_aggregates_the_bucket_and_reevaluates_it_only_when_its_value_changes()
    {
        Append("h1", T0 + 1, 10);
        Assert.Equal(10, Assert.Single(Push(T0 + 1, T0 + 1)).Value);

        Assert.Empty(Push(T0 + 1, T0 + 1)); // the same data again: nothing new for detect

        Append("h1", T0 + 31, 20);
        var again = Assert.Single(Push(T0 + 31, T0 + 31));
        Assert.Equal((T0, 15d), (again.Time, again.Value)); // avg of the bucket so far
    }

    [Fact]
    public void Pull_after_push_hands_on_nothing_twice()
    {
        Append("h1", T0, 1);
        Append("h2", T0, 2);
        Assert.Equal(2, Push(T0, T0).Count);

        var now = T0 + 60 + 10;
        var window = _accessor.PullWindow(now)!.Value;
        Assert.Equal((T0 - 60, T0 + 60), (window.From, window.Until));
        Assert.Null(_accessor.Pull(_store.Query(_accessor.Plan.Query(window.From, window.Until)), window, now));
    }

    [Fact]
    public void Pull_reads_its_window_and_moves_the_checkpoint()
    {
        Append("h1", T0, 1);
        Append("h1", T0 + 60, 2);
        var now = T0 + 120 + 10;
        var window = _accessor.PullWindow(now)!.Value;
        var records = _accessor.Pull(_store.Query(_accessor.Plan.Query(window.From, window.Until)), window, now)!.ToRecords();
        Assert.Equal([T0, T0 + 60], records.Select(r => r.Time));
        Assert.Equal(T0 + 60, _accessor.Checkpoint);
    }

    [Fact]
    public void State_round_trip_keeps_checkpoint_and_handed_on_records()
    {
        Append("h1", T0, 1);
        Push(T0, T0);
        var restored = new ItemAccessor(Threshold().Items[0], _accessor.State());

        Assert.Equal(T0, restored.Checkpoint);
        Assert.Null(restored.Push(_store.QueryGroups(restored.Plan.QueryCovering(T0, T0)), T0 + 5));
    }

    [Fact]
    public void Points_older_than_the_expiry_are_not_handed_on()
    {
        Append("h1", T0, 1);
        Assert.Empty(Push(T0, T0, now: T0 + 1801));
    }

    private void Append(string host, long time, double value) =>
        _store.Append(Table, "cpu", ItemQueryPlanTests.Series(("host", host)), time, value, time);

    private List<GrainInterfaces.Detect.DataPointRecord> Push(long min, long max, long? now = null) =>
        _accessor.Push(_store.QueryGroups(_accessor.Plan.QueryCovering(min, max)), now ?? max + 5)?.ToRecords() ?? [];
}

/// <summary>The per-series md5 memory of access never gives one series another's record id.</summary>
public sealed class RememberedMd5Tests
{
    [Fact]
    public void Series_whose_values_only_differ_in_where_they_split_keep_their_own_md5()
    {
        var item = Parse("""
            {"bk_biz_id": 2, "name": "x", "scenario": "os",
             "items": [{"id": 1, "name": "x",
                        "algorithms": [{"type": "Threshold", "level": 1, "config": [[{"threshold": 1, "method": "gt"}]]}],
                        "query_configs": [{"data_source_label": "custom", "data_type_label": "time_series", "result_table_id": "t",
                                           "metric_field": "m", "agg_method": "avg", "agg_interval": 60, "agg_dimension": ["a", "b"]}]}],
             "detects": [{"level": 1, "trigger_config": {"count": 1, "check_window": 1}, "recovery_config": {"check_window": 1}}]}
            """).Items[0];
        var access = new StrategyItemAccess(item);
        Dictionary<string, string?>[] series =
        [
            new() { ["a"] = "1:x", ["b"] = "y" },
            new() { ["a"] = "1", ["b"] = "x:y" },
            new() { ["a"] = null, ["b"] = "y" },
            new() { ["a"] = "", ["b"] = "y" },
            new() { ["b"] = "y" },
        ];
        for (var run = 0; run < 2; run++) // the second run is answered from memory
        {
            var time = T0 + run * 60;
            var result = access.Process(series.Select(d => new DataPoint(null, d, time, 1)).ToList(), time + 5, 0, new AccessDeduplicator());
            var expected = series.Select(d => $"{CountMd5.Of(new Dictionary<string, string?> { ["a"] = d.GetValueOrDefault("a"), ["b"] = d["b"] })}.{time}").Distinct();
            Assert.Equal(expected.Order(), result.Records.Select(r => r.RecordId).Order());
        }
    }
}
