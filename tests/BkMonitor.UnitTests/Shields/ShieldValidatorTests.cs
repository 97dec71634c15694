using BkMonitor.GrainInterfaces.Shields;
using BkMonitor.Grains.Shields;

namespace BkMonitor.UnitTests.Shields;

public sealed class ShieldValidatorTests
{
    private static readonly ShieldConfig Valid = new()
    {
        BkBizId = 2,
        Category = ShieldCategory.Strategy,
        BeginTime = 1_700_000_000,
        EndTime = 1_700_003_600,
        CycleConfig = new ShieldCycleConfig { Type = 2, BeginTime = "22:00:00", EndTime = "02:00:00", WeekList = [1, 7] },
        DimensionConfig = new ShieldDimensionConfig { StrategyIds = [1], Levels = [1, 2] },
    };

    [Fact]
    public void Valid_shield_has_no_errors()
        => Assert.Empty(ShieldValidator.Validate(Valid));

    [Fact]
    public void End_before_begin_is_an_end_time_error()
    {
        var errors = ShieldValidator.Validate(Valid with { EndTime = Valid.BeginTime - 1 });
        Assert.Equal(["end_time"], errors.Keys);
        Assert.Empty(ShieldValidator.Validate(Valid with { EndTime = Valid.BeginTime }));
    }

    [Fact]
    public void Missing_times_are_errors_of_each_time()
    {
        var errors = ShieldValidator.Validate(Valid with { BeginTime = 0, EndTime = 0 });
        Assert.Equal(["begin_time", "end_time"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unknown_category_is_a_category_error()
    {
        var errors = ShieldValidator.Validate(Valid with { Category = "host" });
        Assert.Contains("unknown category 'host'", Assert.Single(errors["category"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_cycle_config_names_each_field()
    {
        Assert.Contains("cycle_config.type", ShieldValidator.Validate(Valid with { CycleConfig = new() { Type = 5 } }).Keys);
        var errors = ShieldValidator.Validate(Valid with { CycleConfig = new() { Type = 3, BeginTime = "25:00:00", EndTime = "10:00", WeekList = [1, 8] } });
        Assert.Equal(["cycle_config.begin_time", "cycle_config.end_time", "cycle_config.week_list[1]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("cycle_config.week_list", ShieldValidator.Validate(Valid with { CycleConfig = new() { Type = 3, BeginTime = "00:00:00", EndTime = "01:00:00" } }).Keys);
        var monthly = ShieldValidator.Validate(Valid with { CycleConfig = new() { Type = 4, BeginTime = "00:00:00", EndTime = "01:00:00", DayList = [0, 31, 32] } });
        Assert.Equal(["cycle_config.day_list[0]", "cycle_config.day_list[2]"], monthly.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Single_window_ignores_the_cycle_times()
        => Assert.Empty(ShieldValidator.Validate(Valid with { CycleConfig = new() { Type = 1, BeginTime = "garbage" } }));

    [Fact]
    public void Each_category_requires_its_selection()
    {
        Assert.Contains("dimension_config.strategy_id", ShieldValidator.Validate(Valid with { DimensionConfig = new() }).Keys);
        Assert.Contains("dimension_config.alert_id", ShieldValidator.Validate(Valid with { Category = ShieldCategory.Alert, DimensionConfig = new() }).Keys);
        Assert.Contains("dimension_config.dimension_conditions", ShieldValidator.Validate(Valid with { Category = ShieldCategory.Dimension, DimensionConfig = new() }).Keys);
        Assert.Contains("scope_type", ShieldValidator.Validate(Valid with { Category = ShieldCategory.Scope }).Keys);
        Assert.Contains("dimension_config.target", ShieldValidator.Validate(Valid with { Category = ShieldCategory.Scope, ScopeType = ShieldScopeType.Ip }).Keys);
        Assert.Empty(ShieldValidator.Validate(Valid with { Category = ShieldCategory.Scope, ScopeType = ShieldScopeType.Biz }));
    }

    [Fact]
    public void Bad_levels_and_conditions_are_reported_by_index()
    {
        var errors = ShieldValidator.Validate(Valid with
        {
            DimensionConfig = new()
            {
                StrategyIds = [1],
                Levels = [2, 4],
                DimensionConditions = [new() { Key = "ip", Value = ["1"] }, new() { Key = "", Value = [], Method = "like", Condition = "xor" }],
            },
        });
        Assert.Equal(
            [
                "dimension_config.dimension_conditions[1].condition",
                "dimension_config.dimension_conditions[1].key",
                "dimension_config.dimension_conditions[1].method",
                "dimension_config.dimension_conditions[1].value",
                "dimension_config.level[1]",
            ],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missing_business_is_an_error()
        => Assert.Contains("bk_biz_id", ShieldValidator.Validate(Valid with { BkBizId = 0 }).Keys);
}
