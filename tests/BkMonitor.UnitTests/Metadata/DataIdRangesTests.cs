using BkMonitor.Grains.Metadata;

namespace BkMonitor.UnitTests.Metadata;

public class DataIdRangesTests
{
    [Theory]
    [InlineData(1048575, "OutOfRange")]
    [InlineData(1048576, "Reserved")]
    [InlineData(1099999, "Reserved")]
    [InlineData(1100000, "Builtin")]
    [InlineData(1199999, "Builtin")]
    [InlineData(1200000, "UserV31")]
    [InlineData(1499999, "UserV31")]
    [InlineData(1500000, "User")]
    [InlineData(2097151, "User")]
    [InlineData(2097152, "OutOfRange")]
    public void Data_ids_classify_by_the_seed_ranges(int dataId, string expected) =>
        Assert.Equal(expected, DataIdRanges.Classify(dataId).ToString());

    [Fact]
    public void Builtin_data_ids_are_1100000_to_1100005_with_the_seed_names()
    {
        Assert.Equal([1100000, 1100001, 1100002, 1100003, 1100004, 1100005], DataIdRanges.Builtin.Select(b => b.Id));
        Assert.Equal("全业务字符型告警上报", DataIdRanges.FindBuiltin(1100000)!.Name);
        Assert.Equal("全业务 ping 拨测上报", DataIdRanges.FindBuiltin(1100003)!.Name);
        Assert.Equal("pingserver 数据上报", DataIdRanges.FindBuiltin(1100005)!.Name);
        Assert.All(DataIdRanges.Builtin, b => Assert.Equal(DataIdRangeKind.Builtin, DataIdRanges.Classify(b.Id)));
        Assert.Null(DataIdRanges.FindBuiltin(1100006));
    }

    [Fact]
    public void Allocator_starts_at_the_user_range_and_never_repeats_an_id()
    {
        var state = new DataIdAllocatorState();
        Assert.Equal(1500000, state.Allocate());
        Assert.Equal(1500001, state.Allocate());
        Assert.Equal([1500002, 1500003, 1500004], state.AllocateMany(3));
        Assert.Equal(1500005, state.NextDataId);
    }

    [Fact]
    public void Allocator_hands_out_the_last_id_then_reports_exhaustion()
    {
        var state = new DataIdAllocatorState { NextDataId = 2097151 };
        Assert.Equal(1, state.Remaining);
        Assert.Equal(2097151, state.Allocate());
        Assert.Equal(0, state.Remaining);

        var error = Assert.Throws<DataIdExhaustedException>(() => state.Allocate());
        Assert.Equal(1, error.Requested);
        Assert.Equal(0, error.Remaining);
        Assert.Contains("1500000..2097151", error.Message);
    }

    [Fact]
    public void Allocating_more_ids_than_remain_takes_none()
    {
        var state = new DataIdAllocatorState { NextDataId = 2097148 };
        var error = Assert.Throws<DataIdExhaustedException>(() => state.AllocateMany(6));
        Assert.Equal(4, error.Remaining);
        Assert.Equal(2097148, state.NextDataId);
        Assert.Equal([2097148, 2097149, 2097150, 2097151], state.AllocateMany(4));
    }

    [Fact]
    public void A_cursor_below_the_user_range_restarts_at_its_first_id()
    {
        var state = new DataIdAllocatorState { NextDataId = 1100003 };
        Assert.Equal(1500000, state.Allocate());
    }

    [Fact]
    public void Allocating_zero_ids_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataIdAllocatorState().AllocateMany(0));
}
