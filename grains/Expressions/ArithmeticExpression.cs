namespace BkMonitor.Grains.Expressions;

/// <summary>
/// A parsed item expression such as <c>a+b</c> or <c>a/b*100</c>: numbers, aliases, <c>+ - * /</c>, parentheses
/// and unary signs, nothing else. Aliases are lower-cased (bk-monitor lower-cases the expression before the query
/// engine sees it) and numbered in order of first appearance; <see cref="Evaluate"/> takes their values in that
/// order. Immutable and thread-safe.
/// </summary>
public sealed class ArithmeticExpression
{
    private readonly ExpressionNode _root;

    internal ArithmeticExpression(ExpressionNode root, IReadOnlyList<string> aliases)
    {
        _root = root;
        Aliases = aliases;
    }

    /// <summary>The distinct aliases the expression reads, lower-cased, in order of first appearance.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Parses <paramref name="text"/>; on failure returns null and a message naming the position.</summary>
    public static ArithmeticExpression? TryParse(string text, out string error) => ArithmeticExpressionParser.TryParse(text, out error);

    /// <summary>
    /// The value for one bucket, <paramref name="values"/>[i] being alias <see cref="Aliases"/>[i]'s. IEEE arithmetic:
    /// a division by zero gives an infinity or NaN, which callers treat as "no value".
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> values)
    {
        if (values.Length < Aliases.Count)
        {
            throw new ArgumentException($"the expression reads {Aliases.Count} aliases; {values.Length} values given", nameof(values));
        }
        return _root.Evaluate(values);
    }

    public override string ToString() => _root.ToString()!;
}

/// <summary>A node of <see cref="ArithmeticExpression"/>'s tree.</summary>
internal abstract class ExpressionNode
{
    public abstract double Evaluate(ReadOnlySpan<double> values);
}

internal sealed class NumberNode(double value) : ExpressionNode
{
    public override double Evaluate(ReadOnlySpan<double> values) => value;

    public override string ToString() => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class AliasNode(string alias, int slot) : ExpressionNode
{
    public override double Evaluate(ReadOnlySpan<double> values) => values[slot];

    public override string ToString() => alias;
}

internal sealed class NegateNode(ExpressionNode operand) : ExpressionNode
{
    public override double Evaluate(ReadOnlySpan<double> values) => -operand.Evaluate(values);

    public override string ToString() => $"(-{operand})";
}

internal sealed class BinaryNode(char op, ExpressionNode left, ExpressionNode right) : ExpressionNode
{
    public override double Evaluate(ReadOnlySpan<double> values)
    {
        var l = left.Evaluate(values);
        var r = right.Evaluate(values);
        return op switch
        {
            '+' => l + r,
            '-' => l - r,
            '*' => l * r,
            _ => l / r,
        };
    }

    public override string ToString() => $"({left} {op} {right})";
}
