using System.Diagnostics;
using System.Text.Json.Nodes;
using BkMonitor.PipelineTests.Hosting;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;

namespace BkMonitor.PipelineTests.Routing;

/// <summary>Alarm cluster routing as placement on three silos: silo0 carries no role, silo1 "alarm-a", silo2 "alarm-b".</summary>
public sealed class AlarmClusterPlacementTests(AlarmClusterPlacementTests.RoleSilos host) : IClassFixture<AlarmClusterPlacementTests.RoleSilos>
{
    public sealed class RoleSilos : PipelineHost
    {
        protected override int Silos => 3;

        protected override void ConfigureSiloOptions(int index, SiloOptions options) =>
            options.Roles = index switch { 1 => ["alarm-a"], 2 => ["alarm-b"], _ => [] };
    }

    private static string BizRule(string cluster, long bkBizId) =>
        $$"""{"rules": [{"target_type": "biz", "cluster_name": "{{cluster}}", "matcher_type": "condition", "matcher_config": [{"method": "eq", "value": [{{bkBizId}}]}]}]}""";

    [Fact]
    public async Task Strategy_grains_of_a_routed_biz_live_on_its_silo_group_and_move_with_their_state_when_the_rule_changes()
    {
        var (_, _, table) = await host.CreateDataSourceAsync();
        await PutRulesAsync(BizRule("alarm-a", 2));
        var created = await host.CreateStrategyAsync(StrategyBodies.Threshold(table, name: "routed cpu"));
        var id = created["id"]!.GetValue<long>();
        var strategy = new GrainId("strategy", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await WaitUntilAsync(() => host.Cluster.FindActivationSilo(strategy) is null or { Name: "silo1" }, "the strategy grain leaves the role-less silos");
        Assert.Equal("routed cpu", (await GetStrategyAsync(id))["name"]!.GetValue<string>());
        Assert.Equal("silo1", host.Cluster.FindActivationSilo(strategy)?.Name);

        var table2 = await PutRulesAsync(BizRule("alarm-b", 2));
        Assert.Equal("alarm-b", table2["rules"]![0]!["cluster_name"]!.GetValue<string>());
        await WaitUntilAsync(() => host.Cluster.FindActivationSilo(strategy) is null or { Name: "silo2" }, "the strategy grain leaves alarm-a");

        var moved = await GetStrategyAsync(id);
        Assert.Equal("silo2", host.Cluster.FindActivationSilo(strategy)?.Name);
        Assert.Equal(("routed cpu", 2), (moved["name"]!.GetValue<string>(), moved["bk_biz_id"]!.GetValue<int>()));
        Assert.Equal(created["items"]!.ToJsonString(), moved["items"]!.ToJsonString());
    }

    [Fact]
    public async Task Alert_grains_follow_their_strategy_to_the_silo_group_of_its_biz()
    {
        var (dataId, token, table) = await host.CreateDataSourceAsync();
        await PutRulesAsync(BizRule("alarm-a", 2));
        var id = (await host.CreateStrategyAsync(StrategyBodies.Threshold(table, count: 1, window: 1, name: "routed alert")))["id"]!.GetValue<long>();
        await host.PushAsync(dataId, token, ("routed-h1", PipelineHost.T0, 97));
        await host.Events.WaitForAsync(id, 1);
        var alert = new GrainId("alert", host.Events.KeysOf(id)[0]);

        await WaitUntilAsync(() => host.Cluster.FindActivationSilo(alert) is { Name: "silo1" }, "the alert grain activates on alarm-a");
        await PutRulesAsync(BizRule("alarm-b", 2));
        await WaitUntilAsync(() => host.Cluster.FindActivationSilo(alert) is null or { Name: "silo2" }, "the alert grain leaves alarm-a");

        Assert.Null(await host.Cluster.GrainFactory.GetGrain<BkMonitor.GrainInterfaces.Alerts.IAlertGrain>(alert.Key).GetAsync("no-such-alert"));
        Assert.Equal("silo2", host.Cluster.FindActivationSilo(alert)?.Name);
    }

    [Fact]
    public async Task A_biz_no_rule_claims_stays_on_any_silo_and_the_table_lists_each_strategy_biz()
    {
        var (_, _, table) = await host.CreateDataSourceAsync();
        await PutRulesAsync(BizRule("alarm-a", 99));
        var id = (await host.CreateStrategyAsync(StrategyBodies.Threshold(table, name: "unrouted")))["id"]!.GetValue<long>();

        using var response = await host.Http.GetAsync("/api/v1/routing/rules");
        var routing = await PipelineHost.ReadJsonAsync(response, 200);
        Assert.Equal(2, routing["strategy_biz"]![id.ToString(System.Globalization.CultureInfo.InvariantCulture)]!.GetValue<long>());
        Assert.Equal("unrouted", (await GetStrategyAsync(id))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_rules_are_refused_with_field_errors_and_change_nothing()
    {
        var before = await PutRulesAsync(BizRule("alarm-a", 7));
        using var response = await host.Http.PutAsync("/api/v1/routing/rules", PipelineHost.JsonContent(
            """{"rules": [{"target_type": "host", "cluster_name": "alarm-a", "matcher_type": "true"}, {"target_type": "biz", "cluster_name": "bad name!", "matcher_type": "true"}, {"target_type": "biz", "cluster_name": "x", "matcher_type": "maybe"}]}"""));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await PipelineHost.ReadJsonAsync(response, 400);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["rules[0].target_type", "rules[1].cluster_name", "rules[2].matcher_type"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));

        using var after = await host.Http.GetAsync("/api/v1/routing/rules");
        Assert.Equal(before["version"]!.GetValue<long>(), (await PipelineHost.ReadJsonAsync(after, 200))["version"]!.GetValue<long>());
    }

    private async Task<JsonObject> PutRulesAsync(string json)
    {
        using var response = await host.Http.PutAsync("/api/v1/routing/rules", PipelineHost.JsonContent(json));
        return await PipelineHost.ReadJsonAsync(response, 200);
    }

    private async Task<JsonObject> GetStrategyAsync(long id)
    {
        using var response = await host.Http.GetAsync($"/api/v1/strategies/{id}");
        return await PipelineHost.ReadJsonAsync(response, 200);
    }

    // Deactivating a misplaced grain is queued by the silo that applied the rule; this waits on its effect, bounded.
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"timed out waiting until {what}");
            await Task.Delay(5);
        }
    }
}
