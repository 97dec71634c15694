using BkMonitor.Grains.Expressions;

namespace BkMonitor.UnitTests.Expressions;

public sealed class ArithmeticExpressionTests
{
    private static ArithmeticExpression Parse(string text)
    {
        var expression = ArithmeticExpression.TryParse(text, out var error);
        Assert.True(expression is not null, error);
        return expression!;
    }

    private static double Eval(string text, params double[] values) => Parse(text).Evaluate(values);

    [Theory]
    [InlineData("1+2*3", 7)]
    [InlineData("(1+2)*3", 9)]
    [InlineData("10-4-3", 3)]
    [InlineData("100/10/5", 2)]
    [InlineData("2*3/4", 1.5)]
    [InlineData("-2*3", -6)]
    [InlineData("-(2+3)", -5)]
    [InlineData("--4", 4)]
    [InlineData("+4 - -1", 5)]
    [InlineData("1.5e2 + .5", 150.5)]
    [InlineData(" ( ( 7 ) ) ", 7)]
    public void Numbers_follow_the_usual_precedence_and_associativity(string text, double expected)
    {
        Assert.Equal(expected, Eval(text));
    }

    [Fact]
    public void Aliases_are_numbered_in_order_of_first_use_and_read_their_slot()
    {
        var expression = Parse("b / a * 100 + b");
        Assert.Equal(["b", "a"], expression.Aliases);
        Assert.Equal(4 / 2d * 100 + 4, expression.Evaluate([4, 2]));
    }

    [Fact]
    public void Aliases_are_lower_cased_like_bk_monitor_does_with_the_expression()
    {
        var expression = Parse("A + a_1");
        Assert.Equal(["a", "a_1"], expression.Aliases);
        Assert.Equal(3, expression.Evaluate([1, 2]));
    }

    [Fact]
    public void Unary_minus_binds_tighter_than_multiplication()
    {
        Assert.Equal(-6, Eval("-a*b", 2, 3));
        Assert.Equal(-1, Eval("a-b", 2, 3));
        Assert.Equal(5, Eval("a - -b", 2, 3));
    }

    [Fact]
    public void Division_by_zero_gives_a_non_finite_value_the_caller_drops()
    {
        Assert.Equal(double.PositiveInfinity, Eval("a/b", 1, 0));
        Assert.Equal(double.NegativeInfinity, Eval("-a/b", 1, 0));
        Assert.True(double.IsNaN(Eval("a/b", 0, 0)));
    }

    [Fact]
    public void Evaluating_with_fewer_values_than_aliases_fails()
    {
        Assert.Throws<ArgumentException>(() => Parse("a+b").Evaluate([1]));
    }

    [Theory]
    [InlineData("", "unexpected end of expression")]
    [InlineData("a+", "unexpected end of expression")]
    [InlineData("a+*b", "unexpected '*' at position 3")]
    [InlineData("(a+b", "'(' at position 1 is never closed")]
    [InlineData("a+b)", "unexpected ')' at position 4")]
    [InlineData("a b", "unexpected 'b' at position 3")]
    [InlineData("a % b", "unexpected '%' at position 3")]
    [InlineData("a ^ 2", "unexpected '^' at position 3")]
    [InlineData("abs(a)", "functions are not supported: 'abs(' at position 1")]
    [InlineData("1.2.3", "'1.2.3' at position 1 is not a number")]
    [InlineData("2a", "unexpected 'a' at position 2")]
    [InlineData("a{x=\"1\"}", "unexpected '{' at position 2")]
    [InlineData("a > 1", "unexpected '>' at position 3")]
    public void Invalid_syntax_is_rejected_with_the_position(string text, string message)
    {
        Assert.Null(ArithmeticExpression.TryParse(text, out var error));
        Assert.Contains(message, error);
    }

    [Fact]
    public void Absurd_nesting_is_rejected_instead_of_overflowing_the_stack()
    {
        Assert.Null(ArithmeticExpression.TryParse(new string('-', 10_000) + "a", out var error));
        Assert.Contains("nested deeper", error);
        Assert.Null(ArithmeticExpression.TryParse(new string('(', 10_000) + "a" + new string(')', 10_000), out error));
        Assert.Contains("nested deeper", error);
    }
}
