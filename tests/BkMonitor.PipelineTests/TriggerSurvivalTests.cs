using BkMonitor.PipelineTests.Hosting;
using BkMonitor.Runtime;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests;

/// <summary>Two silos sharing storage: the trigger window is persisted, so it outlives its silo.</summary>
public sealed class TriggerSurvivalTests(TriggerSurvivalTests.TwoSilos host) : IClassFixture<TriggerSurvivalTests.TwoSilos>
{
    public sealed class TwoSilos : PipelineHost
    {
        protected override int Silos => 2;
    }

    [Fact]
    public async Task The_window_continues_on_another_silo_after_its_silo_stops()
    {
        var (dataId, token, table) = await host.CreateDataSourceAsync();
        // Level 1 needs 3 of 5; level 2 fires on every point ≥ 50 until level 1 wins, which marks each step.
        var body = StrategyBodies.Threshold(table).Replace(
            "\"algorithms\": [",
            "\"algorithms\": [{\"type\": \"Threshold\", \"level\": 2, \"config\": [[{\"threshold\": 50, \"method\": \"gte\"}]]},",
            StringComparison.Ordinal).Replace(
            "\"detects\": [",
            "\"detects\": [{\"level\": 2, \"trigger_config\": {\"count\": 1, \"check_window\": 1}, \"recovery_config\": {\"check_window\": 5}},",
            StringComparison.Ordinal);
        var id = (await host.CreateStrategyAsync(body))["id"]!.GetValue<long>();

        await host.PushAsync(dataId, token, ("h1", T0, 95));
        await host.PushAsync(dataId, token, ("h1", T0 + 60, 95));
        Assert.Equal([2, 2], (await host.Events.WaitForAsync(id, 2)).Select(e => e.Severity));

        var silo = host.Cluster.FindActivationSilo(new GrainId("trigger", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotNull(silo);
        await host.Cluster.StopSiloAsync(silo);

        await host.PushAsync(dataId, token, ("h1", T0 + 120, 95));
        var events = await host.Events.WaitForAsync(id, 3);
        var fatal = events[2];
        Assert.Equal((1, T0 + 120), (fatal.Severity, fatal.Time));
        Assert.Equal(3, fatal.Extra.AnomalyIds.Count);
        Assert.NotEqual(silo, host.Cluster.FindActivationSilo(new GrainId("trigger", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}
