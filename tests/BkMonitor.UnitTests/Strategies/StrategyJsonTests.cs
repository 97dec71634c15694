using System.Text.Json;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.UnitTests.Strategies;

public sealed class StrategyJsonTests
{
    [Fact]
    public void Strategy_serializes_with_snake_case_names_and_epoch_seconds()
    {
        var strategy = new StrategyValidator().Validate(StrategyFixture.ValidJson).Strategy!;

        using var json = JsonDocument.Parse(StrategyJson.Serialize(strategy));
        var root = json.RootElement;

        Assert.Equal(2, root.GetProperty("bk_biz_id").GetInt64());
        Assert.Equal(1700000000, root.GetProperty("create_time").GetInt64());
        var query = root.GetProperty("items")[0].GetProperty("query_configs")[0];
        Assert.Equal(60, query.GetProperty("agg_interval").GetInt32());
        Assert.False(query.TryGetProperty("promql", out _));
        Assert.Equal("gte", root.GetProperty("items")[0].GetProperty("algorithms")[0].GetProperty("config")[0][0].GetProperty("method").GetString());
        Assert.Equal("collect", root.GetProperty("notice").GetProperty("options").GetProperty("converge_config").GetProperty("converge_func").GetString());
    }

    [Fact]
    public void Serialized_strategy_validates_back_to_the_same_config()
    {
        var validator = new StrategyValidator();
        var strategy = validator.Validate(StrategyFixture.ValidJson).Strategy!;

        var again = validator.Validate(StrategyJson.Serialize(strategy));

        Assert.True(again.IsValid, string.Join("; ", again.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        Assert.Equal(StrategyJson.Serialize(strategy), StrategyJson.Serialize(again.Strategy));
    }

    [Fact]
    public void Deserialize_reads_what_serialize_wrote()
    {
        var strategy = new StrategyValidator().Validate(StrategyFixture.ValidJson).Strategy!;

        var copy = StrategyJson.Deserialize<Strategy>(StrategyJson.Serialize(strategy))!;

        Assert.Equal(StrategyJson.Serialize(strategy), StrategyJson.Serialize(copy));
        Assert.Equal("127.0.0.1", copy.Items[0].Target[0][0].Value[0]["bk_target_ip"].GetString());
    }

    [Fact]
    public void Chinese_names_are_not_escaped()
    {
        var json = StrategyJson.Serialize(new Strategy { Name = "CPU使用率" });

        Assert.Contains("\"name\":\"CPU使用率\"", json, StringComparison.Ordinal);
    }
}
