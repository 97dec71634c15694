using BkMonitor.GrainInterfaces.Shields;
using BkMonitor.Grains.Shields;

namespace BkMonitor.UnitTests.Shields;

public sealed class ShieldListingTests
{
    private const long Now = 1_700_000_000;

    private static ShieldConfig Shield(long id, long bizId = 2, long end = Now + 60) => new()
    {
        Id = id, BkBizId = bizId, Category = ShieldCategory.Strategy, BeginTime = Now - 60, EndTime = end,
    };

    [Fact]
    public void Active_means_enabled_not_deleted_and_not_past_its_end()
    {
        Assert.True(ShieldListing.IsActive(Shield(1), Now));
        Assert.True(ShieldListing.IsActive(Shield(1) with { BeginTime = Now + 10 }, Now));
        Assert.True(ShieldListing.IsActive(Shield(1, end: Now), Now));
        Assert.False(ShieldListing.IsActive(Shield(1, end: Now - 1), Now));
        Assert.False(ShieldListing.IsActive(Shield(1) with { DeleteTime = Now }, Now));
        Assert.False(ShieldListing.IsActive(Shield(1) with { IsEnabled = false }, Now));
    }

    [Fact]
    public void Pages_are_ordered_by_id_within_business_and_status()
    {
        ShieldConfig[] shields = [Shield(4), Shield(2), Shield(3, bizId: 5), Shield(1, end: Now - 1), Shield(6)];
        var page = ShieldListing.Page(shields, new ShieldQuery(2, ShieldQuery.Active, 2, 2), Now);
        Assert.Equal(3, page.Total);
        Assert.Equal([6L], page.Items.Select(s => s.Id));
        var expired = ShieldListing.Page(shields, new ShieldQuery(null, ShieldQuery.Expired, 1, 10), Now);
        Assert.Equal([1L], expired.Items.Select(s => s.Id));
        Assert.Equal(5, ShieldListing.Page(shields, new ShieldQuery(null, null, 1, 10), Now).Total);
    }
}
