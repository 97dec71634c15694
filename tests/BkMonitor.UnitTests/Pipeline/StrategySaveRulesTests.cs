using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Detect;
using BkMonitor.Grains.Strategies;
using BkMonitor.Grains.TimeSeries;
using BkMonitor.UnitTests.Strategies;
using static BkMonitor.UnitTests.Pipeline.PipelineStrategies;

namespace BkMonitor.UnitTests.Pipeline;

/// <summary>What a save checks beyond the JSON shape: algorithm configs by detect's factory, ids, item ids.</summary>
public sealed class StrategySaveRulesTests
{
    private static readonly StrategyValidator Validator = new(DetectAlgorithmConfigValidator.Default);

    [Fact]
    public void A_threshold_that_is_not_a_number_is_rejected_at_its_config_path()
    {
        var result = Validator.Validate(StrategyFixture.With("items[0].algorithms[0].config", """[[{"threshold": "ninety", "method": "gte"}]]"""));
        Assert.False(result.IsValid);
        Assert.Contains("items[0].algorithms[0].config", result.Errors.Keys);
    }

    [Fact]
    public void An_unknown_threshold_method_is_rejected_at_its_config_path()
    {
        var result = Validator.Validate(StrategyFixture.With("items[0].algorithms[1].config", """[[{"threshold": 1, "method": "around"}]]"""));
        Assert.Contains("items[0].algorithms[1].config", result.Errors.Keys);
    }

    [Fact]
    public void An_unknown_algorithm_type_is_rejected_at_its_type_path()
    {
        var result = Validator.Validate(StrategyFixture.With("items[0].algorithms[0].type", "\"Magic\""));
        Assert.Contains("items[0].algorithms[0].type", result.Errors.Keys);
    }

    [Fact]
    public void A_ring_ratio_without_floor_or_ceil_is_rejected()
    {
        var result = Validator.Validate(StrategyFixture.With("items[0].algorithms[0]", """{"type": "SimpleRingRatio", "level": 1, "config": {}}"""));
        Assert.Contains("items[0].algorithms[0].config", result.Errors.Keys);
    }

    [Fact]
    public void Prepare_assigns_the_id_times_and_missing_item_ids()
    {
        var strategy = Threshold(id: 0) with { Items = [Threshold().Items[0] with { Id = 0 }, Threshold().Items[0] with { Id = 4 }] };
        var (prepared, errors) = StrategyPreparation.Prepare(strategy, 42, existing: null, now: 1000);
        Assert.Empty(errors);
        Assert.Equal((42L, 1000L, 1000L), (prepared!.Id, prepared.CreateTime, prepared.UpdateTime));
        Assert.Equal([5L, 4L], prepared.Items.Select(i => i.Id));
    }

    [Fact]
    public void Prepare_keeps_the_creation_time_of_the_stored_strategy()
    {
        var existing = Threshold() with { CreateTime = 500 };
        var (prepared, _) = StrategyPreparation.Prepare(Threshold(), 7, existing, now: 1000);
        Assert.Equal((500L, 1000L), (prepared!.CreateTime, prepared.UpdateTime));
    }

    [Fact]
    public void Prepare_rejects_a_body_id_other_than_the_target_and_duplicate_item_ids()
    {
        var strategy = Threshold(id: 9) with { Items = [Threshold().Items[0], Threshold().Items[0]] };
        var (prepared, errors) = StrategyPreparation.Prepare(strategy, 7, existing: null, now: 1000);
        Assert.Null(prepared);
        Assert.Contains("is 9", errors["id"][0]);
        Assert.Contains("duplicate item id 1", errors["items[1].id"][0]);
    }

    [Fact]
    public void A_report_with_the_same_value_twice_is_found()
    {
        var series = ItemQueryPlanTests.Series(("host", "h1"));
        var samples = new List<CustomReportSample> { new("cpu", series, T0, 1), new("cpu", series, T0 + 1, 1), new("cpu", series, T0, 2) };
        var found = DuplicateSamples.Find(samples);
        Assert.Equal($"metric 'cpu' with dimensions {{host=h1}} at {T0} appears more than once", Assert.Single(found));
        Assert.Empty(DuplicateSamples.Find(samples[..2]));
    }

    [Fact]
    public void Strategy_state_json_round_trips_the_strategy()
    {
        var strategy = Threshold();
        var copy = StrategyJson.Deserialize<Strategy>(StrategyJson.Serialize(strategy))!;
        Assert.Equal(StrategyJson.Serialize(strategy), StrategyJson.Serialize(copy));
    }
}
