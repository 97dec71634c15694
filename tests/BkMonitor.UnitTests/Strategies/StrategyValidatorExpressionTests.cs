using System.Text.Json.Nodes;
using BkMonitor.Grains.Strategies;
using static BkMonitor.UnitTests.Strategies.StrategyFixture;

namespace BkMonitor.UnitTests.Strategies;

public sealed class StrategyValidatorExpressionTests
{
    private readonly StrategyValidator _validator = new();

    /// <summary>The valid strategy whose item has a second query config aliased <paramref name="secondAlias"/> and the expression.</summary>
    private static JsonObject TwoQueries(string expression, string? secondAlias = "b")
    {
        var root = Valid();
        var queries = root["items"]![0]!["query_configs"]!.AsArray();
        var second = queries[0]!.DeepClone();
        if (secondAlias is null) second.AsObject().Remove("alias");
        else second["alias"] = secondAlias;
        queries.Add(second);
        root["items"]![0]!["expression"] = expression;
        return root;
    }

    private StrategyValidationResult Validate(JsonObject root) => _validator.Validate(Element(root));

    [Theory]
    [InlineData("a+b")]
    [InlineData("a / b * 100")]
    [InlineData("-(A - B) * 2")]
    public void A_valid_expression_over_the_aliases_is_accepted(string expression)
    {
        var result = Validate(TwoQueries(expression));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        Assert.Equal(expression, result.Strategy!.Items[0].Expression);
    }

    [Fact]
    public void An_unknown_alias_is_reported_on_the_expression()
    {
        var result = Validate(TwoQueries("a+c"));

        Assert.Equal(["unknown alias 'c' (the query configs' aliases: a, b)"], result.Errors["items[0].expression"]);
    }

    [Theory]
    [InlineData("a+", "invalid expression: unexpected end of expression: a number, an alias or '(' is missing")]
    [InlineData("a %b", "invalid expression: unexpected '%' at position 3 (allowed: numbers, aliases, + - * / and parentheses)")]
    [InlineData("rate(a)", "invalid expression: functions are not supported: 'rate(' at position 1")]
    [InlineData("1+2", "must use at least one query config alias")]
    public void A_syntax_error_is_reported_on_the_expression(string expression, string message)
    {
        var result = Validate(TwoQueries(expression));

        Assert.Equal([message], result.Errors["items[0].expression"]);
    }

    [Fact]
    public void Every_query_config_needs_its_own_alias()
    {
        Assert.Equal(["is required when the item's expression is evaluated"],
            Validate(TwoQueries("a+a", secondAlias: null)).Errors["items[0].query_configs[1].alias"]);
        Assert.Equal(["'A' is used by another query config of the item"],
            Validate(TwoQueries("a+a", secondAlias: "A")).Errors["items[0].query_configs[1].alias"]);
        Assert.Equal(["'b-1' must be a letter or '_' followed by letters, digits or '_'"],
            Validate(TwoQueries("a", secondAlias: "b-1")).Errors["items[0].query_configs[1].alias"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("x")]
    public void A_single_query_with_a_one_letter_expression_is_not_checked(string expression)
    {
        Assert.True(_validator.Validate(With("items[0].expression", $"\"{expression}\"")).IsValid);
    }

    [Fact]
    public void A_single_query_with_a_real_expression_is_checked()
    {
        var result = _validator.Validate(With("items[0].expression", "\"a*100+c\""));

        Assert.Equal(["unknown alias 'c' (the query configs' aliases: a)"], result.Errors["items[0].expression"]);
    }
}
