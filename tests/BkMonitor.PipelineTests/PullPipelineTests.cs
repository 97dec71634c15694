using BkMonitor.PipelineTests.Hosting;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests;

/// <summary>The pull path: the strategy's reminder, moved by the fake clock, reads its window from the store.</summary>
public sealed class PullPipelineTests(PipelineHost host) : IClassFixture<PipelineHost>
{
    [Fact]
    public async Task The_access_reminder_pulls_data_stored_before_the_strategy_existed()
    {
        var (dataId, token, table) = await host.CreateDataSourceAsync();
        var before = await host.PushAsync(dataId, token, ("h1", T0, 95), ("h1", T0 + 60, 95), ("h1", T0 + 120, 95), ("h1", T0 + 180, 10), ("h1", T0 + 240, 95));
        Assert.Equal(0, before["strategies"]!.GetValue<int>());
        var id = (await host.CreateStrategyAsync(StrategyBodies.Threshold(table)))["id"]!.GetValue<long>();

        host.Clock.Advance(TimeSpan.FromSeconds(60)); // one interval: the reminder runs access
        var pulled = await host.Events.WaitForAsync(id, 2);
        // Window [now-1800-60, floor(now-10)): all five periods; anomalies at 0, 1, 2, 4 fill 3-of-5 at 2 and 4.
        Assert.Equal([T0 + 120, T0 + 240], pulled.Select(e => e.Time));

        // The next pull re-reads one period before the checkpoint and hands on nothing twice: after it, a pushed
        // point is the next event.
        host.Clock.Advance(TimeSpan.FromSeconds(60));
        await host.PushAsync(dataId, token, ("h1", T0 + 300, 95));
        var all = await host.Events.WaitForAsync(id, 3);
        Assert.Equal([T0 + 120, T0 + 240, T0 + 300], all.Select(e => e.Time));
    }
}
