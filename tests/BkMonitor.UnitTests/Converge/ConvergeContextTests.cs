using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Converge;
using static BkMonitor.UnitTests.Converge.ConvergeFixtures;

namespace BkMonitor.UnitTests.Converge;

public sealed class ConvergeContextTests
{
    [Fact]
    public void Alert_info_is_strategy_level_signal_and_dimension_hash()
    {
        var ctx = ConvergeContext.Create(11, "CPU high", 2, 1, ActionSignal.Abnormal, IpDimensionsMd5, 7);
        Assert.Equal($"11_1_abnormal_{IpDimensionsMd5}", ctx.Get(ConvergeDimension.AlertInfo));
    }

    [Fact]
    public void Notice_info_appends_way_and_receiver_to_alert_info()
    {
        var ctx = ConvergeContext.Create(11, "CPU high", 2, 1, ActionSignal.Abnormal, IpDimensionsMd5, 1, NoticeWay.Mail, "alice");
        Assert.Equal($"11_1_abnormal_{IpDimensionsMd5}_mail_alice", ctx.Get(ConvergeDimension.NoticeInfo));
    }

    [Fact]
    public void Action_info_is_strategy_signal_and_action_config()
    {
        var ctx = ConvergeContext.Create(11, "CPU high", 2, 1, ActionSignal.Recovered, IpDimensionsMd5, 7);
        Assert.Equal("11_recovered_7", ctx.Get(ConvergeDimension.ActionInfo));
    }

    [Fact]
    public void Alert_without_strategy_uses_its_name_in_alert_info()
    {
        var ctx = ConvergeContext.Create(0, "disk full", 2, 2, ActionSignal.Abnormal, "h", 7);
        Assert.Equal("disk full_2_abnormal_h", ctx.Get(ConvergeDimension.AlertInfo));
    }

    [Fact]
    public void Missing_way_and_receiver_render_as_python_none_and_are_absent_as_dimensions()
    {
        var ctx = ConvergeContext.Create(11, "n", 2, 1, ActionSignal.Abnormal, "h", 7);
        Assert.Equal("11_1_abnormal_h_None_None", ctx.Get(ConvergeDimension.NoticeInfo));
        Assert.Null(ctx.Get(ConvergeDimension.NoticeWay));
        Assert.Null(ctx.Get(ConvergeDimension.NoticeReceiver));
    }

    [Fact]
    public void Follower_notices_prefix_group_notice_way()
    {
        var ctx = ConvergeContext.Create(11, "n", 2, 1, ActionSignal.Abnormal, "h", 1, NoticeWay.Sms, "bob", "follower");
        Assert.Equal("follower_sms", ctx.Get(ConvergeDimension.GroupNoticeWay));
    }

    [Fact]
    public void Dimension_hash_is_count_md5_without_empty_values()
    {
        var hash = ConvergeContext.HashDimensions(
        [
            new AlertDimension { Key = "ip", Value = "127.0.0.1" },
            new AlertDimension { Key = "device", Value = "" },
        ]);
        Assert.Equal(IpDimensionsMd5, hash);
    }
}
