using BkMonitor.Grains.Shields;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Shields;

public sealed class UnshieldNoticeTests
{
    [Theory]
    [InlineData(true, true)]    // last notice was shielded
    [InlineData(null, true)]    // never notified
    [InlineData(false, false)]  // the shield did not suppress anything: the usual repeat notice applies
    public void Shield_end_sends_a_notice_when_the_last_one_was_shielded(bool? lastNoticeShielded, bool expected)
        => Assert.Equal(expected, UnshieldNotice.Decide(wasShielded: true, isShieldedNow: false, isRecovering: false, needUnshieldNotice: false, hasNoticeRelation: true, lastNoticeShielded).SendNotice);

    [Fact]
    public void Nothing_is_sent_while_still_shielded_or_without_a_notice_relation()
    {
        Assert.False(UnshieldNotice.Decide(true, true, false, false, true, true).SendNotice);
        Assert.False(UnshieldNotice.Decide(true, false, false, false, false, true).SendNotice);
        Assert.False(UnshieldNotice.Decide(false, false, false, false, true, true).SendNotice);
    }

    [Fact]
    public void Shield_ending_during_recovery_holds_the_notice_until_the_recovery_aborts()
    {
        var alert = Machine(out _).Apply(Event(), Now).Changed[0];
        alert.IsShielded = true;
        alert.IsRecovering = true;

        Assert.False(UnshieldNotice.Apply(alert, isShieldedNow: false, hasNoticeRelation: true, lastNoticeShielded: true));
        Assert.True(alert.IgnoreUnshieldNotice);
        Assert.False(alert.IsShielded);

        // The recovery check aborts the period and asks for the notice (see AlertChecks); next pass sends it once.
        alert.IsRecovering = false;
        alert.IgnoreUnshieldNotice = false;
        alert.NeedUnshieldNotice = true;
        Assert.True(UnshieldNotice.Apply(alert, false, true, true));
        Assert.False(alert.NeedUnshieldNotice);
        Assert.False(UnshieldNotice.Apply(alert, false, true, true));
    }
}
