using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.UnitTests.Strategies;

public sealed class StrategyDerivationsTests
{
    private static Strategy ValidStrategy() => new StrategyValidator().Validate(StrategyFixture.ValidJson).Strategy!;

    private static Strategy WithQueries(params QueryConfig[] queries)
    {
        var strategy = ValidStrategy();
        return strategy with { Items = [strategy.Items[0] with { QueryConfigs = queries }] };
    }

    [Fact]
    public void Interval_is_the_smallest_agg_interval_of_the_first_item()
    {
        var strategy = WithQueries(new QueryConfig { AggInterval = 120 }, new QueryConfig { AggInterval = 30 });

        Assert.Equal(30, StrategyDerivations.Interval(strategy));
    }

    [Fact]
    public void Interval_skips_queries_without_agg_interval()
    {
        var strategy = WithQueries(new QueryConfig { AggInterval = null }, new QueryConfig { AggInterval = 300 });

        Assert.Equal(300, StrategyDerivations.Interval(strategy));
    }

    [Fact]
    public void Interval_defaults_to_60()
    {
        Assert.Equal(60, StrategyDerivations.Interval(WithQueries(new QueryConfig { AggInterval = null })));
        Assert.Equal(60, StrategyDerivations.Interval(ValidStrategy() with { Items = [] }));
    }

    [Fact]
    public void Check_window_unit_counts_a_missing_agg_interval_as_60()
    {
        var item = new StrategyItem { QueryConfigs = [new QueryConfig { AggInterval = null }, new QueryConfig { AggInterval = 120 }] };

        Assert.Equal(60, StrategyDerivations.CheckWindowUnit(item));
    }

    [Fact]
    public void Trigger_configs_are_per_detect_level()
    {
        var configs = StrategyDerivations.TriggerConfigs(ValidStrategy());

        Assert.Equal(new TriggerWindow(5, 3, configs[1].Uptime), configs[1]);
        Assert.NotNull(configs[1].Uptime);
        Assert.Equal(new TriggerWindow(2, 1), configs[2]);
    }

    [Fact]
    public void A_level_without_trigger_config_uses_the_first_levels()
    {
        var strategy = ValidStrategy();

        Assert.Equal(2, StrategyDerivations.TriggerConfigFor(strategy, 2).CheckWindowSize);
        Assert.Equal(StrategyDerivations.TriggerConfigFor(strategy, 1), StrategyDerivations.TriggerConfigFor(strategy, 3));
    }

    [Fact]
    public void Recovery_configs_carry_the_status_setter()
    {
        var configs = StrategyDerivations.RecoveryConfigs(ValidStrategy());

        Assert.Equal(new RecoveryWindow(5, "recovery"), configs[1]);
        Assert.Equal(new RecoveryWindow(3, "recovery"), configs[2]);
    }

    [Fact]
    public void Nodata_trigger_uses_continuous_as_window_and_count()
    {
        var item = new StrategyItem { NoDataConfig = new NoDataConfig { IsEnabled = true, Continuous = 7, Level = 3 } };

        Assert.Equal(new NoDataTrigger(7, 7, 3), StrategyDerivations.NoDataTriggerConfig(item));
    }

    [Theory]
    [InlineData(new[] { "abnormal" }, new[] { "abnormal", "no_data" })]
    [InlineData(new[] { "abnormal", "no_data", "recovered" }, new[] { "abnormal", "no_data", "recovered" })]
    [InlineData(new[] { "no_data", "closed" }, new[] { "closed" })]
    [InlineData(new string[0], new string[0])]
    public void No_data_follows_abnormal(string[] signals, string[] expected)
    {
        Assert.Equal(expected, StrategyDerivations.NoticeSignals(signals));
    }

    [Fact]
    public void Ip_target_adds_target_dimensions_to_the_group_by()
    {
        var item = ValidStrategy().Items[0];
        var query = item.QueryConfigs[0] with { AggDimension = ["device"] };

        Assert.Equal(["device", "bk_target_ip", "bk_target_cloud_id"], StrategyDerivations.EffectiveAggDimension(item, query));
    }

    [Fact]
    public void Instance_dimension_already_present_adds_nothing()
    {
        var item = ValidStrategy().Items[0];
        var query = item.QueryConfigs[0] with { AggDimension = ["bk_host_id"] };

        Assert.Equal(["bk_host_id"], StrategyDerivations.EffectiveAggDimension(item, query));
    }

    [Fact]
    public void Topo_target_on_collector_logs_groups_by_node()
    {
        var item = ValidStrategy().Items[0] with
        {
            Target = [[new TargetCondition { Field = "host_topo_node", Value = [] }]],
        };
        var query = new QueryConfig { DataSourceLabel = "bk_monitor", DataTypeLabel = "log" };

        Assert.Equal(["bk_obj_id", "bk_inst_id"], StrategyDerivations.EffectiveAggDimension(item, query));
    }

    [Fact]
    public void Item_without_target_keeps_its_group_by()
    {
        var item = ValidStrategy().Items[0] with { Target = [] };

        Assert.Equal(["bk_target_ip", "bk_target_cloud_id"], StrategyDerivations.ItemDimensions(item));
    }
}
