using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.Grains.Access;
using BkMonitor.Grains.TimeSeries;
using static BkMonitor.UnitTests.Pipeline.ExpressionQueryPlanTests;
using static BkMonitor.UnitTests.Pipeline.ItemQueryPlanTests;
using static BkMonitor.UnitTests.Pipeline.PipelineStrategies;

namespace BkMonitor.UnitTests.Pipeline;

/// <summary>The push path of an expression item: a bucket is handed on once every alias has it, and again when it changes.</summary>
public sealed class ExpressionItemAccessorTests
{
    private readonly TimeSeriesStore _store = new(TimeSpan.FromDays(1));
    private readonly ItemAccessor _accessor = new(Item());

    private List<DataPointRecord> Push(long time) =>
        _accessor.Push(_accessor.Plan.QueryGroupsCovering(_store, time, time), time + 5)?.ToRecords() ?? [];

    [Fact]
    public void A_push_of_one_alias_waits_for_the_other_then_the_bucket_is_evaluated()
    {
        _store.Append(Table, "cpu", Series(("host", "h1")), T0, 40, T0);
        Assert.Empty(Push(T0));
        Assert.Equal(0, _accessor.Checkpoint);

        _store.Append(Other, "mem", Series(("host", "h1")), T0 + 10, 70, T0 + 10);
        var record = Assert.Single(Push(T0 + 10));
        Assert.Equal((T0, 110d, $"{Md5("h1")}.{T0}"), (record.Time, record.Value, record.RecordId));
        Assert.Equal(T0, _accessor.Checkpoint);

        Assert.Empty(Push(T0 + 10)); // unchanged: not handed on twice

        _store.Append(Table, "cpu", Series(("host", "h1")), T0 + 20, 60, T0 + 20);
        Assert.Equal(120, Assert.Single(Push(T0 + 20)).Value); // a's bucket now averages 50
    }
}
