using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.Grains.Detect;

namespace BkMonitor.UnitTests.Pipeline;

public sealed class SeriesHistoryTests
{
    private sealed class CountingLoader : IHistoryBucketLoader
    {
        public List<long> Loads { get; } = [];

        public IReadOnlyList<KeyValuePair<string, double>> Load(long bucketTime)
        {
            Loads.Add(bucketTime);
            return [new("a", bucketTime / 100d), new("b", 7)];
        }
    }

    [Fact]
    public void A_miss_loads_the_whole_bucket_once_for_every_series()
    {
        var loader = new CountingLoader();
        var history = new SeriesHistory(loader, keepSeconds: 3600);
        Assert.True(history.TryGetValue("a", 6000, out var a));
        Assert.True(history.TryGetValue("b", 6000, out var b));
        Assert.False(history.TryGetValue("c", 6000, out _));
        Assert.Equal((60d, 7d), (a, b));
        Assert.Equal([6000L], loader.Loads);
    }

    [Fact]
    public void Seen_records_win_over_loaded_values_and_are_evicted_behind_the_keep_time()
    {
        var history = new SeriesHistory(null, keepSeconds: 600);
        history.Record([Record("a", 0, 5), Record("a", 60, 6)]);
        Assert.True(history.TryGetValue("a", 0, out var first));
        Assert.Equal(5, first);

        history.Record([Record("a", 1000, 1)]);
        history.Evict();
        Assert.False(history.TryGetValue("a", 0, out _));
        Assert.True(history.TryGetValue("a", 1000, out _));
    }

    [Fact]
    public void A_focused_series_is_found_by_its_index_and_every_other_key_still_by_hash()
    {
        var history = new SeriesHistory(null, keepSeconds: 600);
        var table = new SeriesTable(["a", "b"], [new Dictionary<string, string>(), new Dictionary<string, string>()]);
        history.Record(new ItemColumns(table, [0, 1], [60, 60], [1, 2], 2));

        history.Focus(table, 1);
        Assert.True(history.TryGetValue(table.Md5[1], 60, out var focused));
        Assert.True(history.TryGetValue("a", 60, out var other));
        Assert.Equal((2d, 1d), (focused, other));

        // A table other than the one recorded is not focused on (its index means other series): its keys are other
        // string instances, so they are found by hash, and index 0 must not take the log of the recorded table's "a".
        var otherTable = new SeriesTable([new string('b', 1), new string('a', 1)], [new Dictionary<string, string>(), new Dictionary<string, string>()]);
        history.Focus(otherTable, 0);
        Assert.True(history.TryGetValue(otherTable.Md5[0], 60, out var viaHash));
        Assert.Equal(2d, viaHash);
    }

    [Fact]
    public void A_columnar_batch_after_an_eviction_emptied_its_series_is_recorded_and_found_again()
    {
        var history = new SeriesHistory(null, keepSeconds: 600);
        var table = new SeriesTable(["a", "b"], [new Dictionary<string, string>(), new Dictionary<string, string>()]);
        history.Record(new ItemColumns(table, [0, 1], [0, 0], [1, 2], 2));
        history.Record([Record("c", 5000, 9)]);
        history.Evict();
        Assert.Equal(1, history.Count);

        history.Record(new ItemColumns(table, [0, 1], [5060, 5060], [3, 4], 2));
        Assert.True(history.TryGetValue("a", 5060, out var a));
        Assert.True(history.TryGetValue("b", 5060, out var b));
        Assert.Equal((3d, 4d), (a, b));
        Assert.False(history.TryGetValue("a", 0, out _));
    }

    private static DataPointRecord Record(string series, long time, double value) =>
        new() { RecordId = $"{series}.{time}", Value = value, Time = time };
}
