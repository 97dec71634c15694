using System.Globalization;

namespace BkMonitor.Grains.Expressions;

/// <summary>
/// Recursive-descent parser of <see cref="ArithmeticExpression"/>:
/// <code>
/// sum     := product (('+' | '-') product)*
/// product := unary (('*' | '/') unary)*
/// unary   := ('-' | '+') unary | primary
/// primary := number | alias | '(' sum ')'
/// </code>
/// A number is digits with an optional fraction and exponent; an alias is <c>[A-Za-z_][A-Za-z0-9_]*</c>.
/// Anything else (functions, <c>%</c>, <c>^</c>, comparisons, PromQL selectors) is a syntax error whose message
/// gives the 1-based position, so the strategy API can say what to fix.
/// </summary>
internal sealed class ArithmeticExpressionParser
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private readonly List<string> _aliases = [];
    private int _position;
    private int _depth;

    private ArithmeticExpressionParser(string text)
    {
        _text = text;
    }

    public static ArithmeticExpression? TryParse(string text, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ArithmeticExpressionParser(text);
        try
        {
            var root = parser.ParseSum();
            parser.SkipSpaces();
            if (parser._position < text.Length) throw parser.Unexpected();
            error = "";
            return new ArithmeticExpression(root, parser._aliases);
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private ExpressionNode ParseSum()
    {
        var left = ParseProduct();
        while (TryTake('+', '-') is { } op) left = new BinaryNode(op, left, ParseProduct());
        return left;
    }

    private ExpressionNode ParseProduct()
    {
        var left = ParseUnary();
        while (TryTake('*', '/') is { } op) left = new BinaryNode(op, left, ParseUnary());
        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (++_depth > MaxDepth) throw new FormatException($"the expression is nested deeper than {MaxDepth} levels");
        try
        {
            return TryTake('-', '+') switch
            {
                '-' => new NegateNode(ParseUnary()),
                '+' => ParseUnary(),
                _ => ParsePrimary(),
            };
        }
        finally
        {
            _depth--;
        }
    }

    private ExpressionNode ParsePrimary()
    {
        SkipSpaces();
        if (_position >= _text.Length) throw new FormatException("unexpected end of expression: a number, an alias or '(' is missing");
        var c = _text[_position];
        if (c == '(')
        {
            var open = _position++;
            var inner = ParseSum();
            if (TryTake(')') is null)
            {
                throw _position >= _text.Length
                    ? new FormatException($"'(' at position {open + 1} is never closed")
                    : Unexpected();
            }
            return inner;
        }
        if (char.IsAsciiDigit(c) || c == '.') return ParseNumber();
        if (char.IsAsciiLetter(c) || c == '_') return ParseAlias();
        throw Unexpected();
    }

    private NumberNode ParseNumber()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.')) _position++;
        if (_position < _text.Length && _text[_position] is 'e' or 'E')
        {
            var exponent = _position + 1;
            if (exponent < _text.Length && _text[exponent] is '+' or '-') exponent++;
            if (exponent < _text.Length && char.IsAsciiDigit(_text[exponent]))
            {
                _position = exponent;
                while (_position < _text.Length && char.IsAsciiDigit(_text[_position])) _position++;
            }
        }
        var literal = _text[start.._position];
        if (!double.TryParse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw new FormatException($"'{literal}' at position {start + 1} is not a number");
        }
        if (_position < _text.Length && (char.IsAsciiLetter(_text[_position]) || _text[_position] == '_')) throw Unexpected();
        return new NumberNode(value);
    }

    private AliasNode ParseAlias()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_')) _position++;
        var alias = _text[start.._position].ToLowerInvariant();
        SkipSpaces();
        if (_position < _text.Length && _text[_position] == '(')
        {
            throw new FormatException($"functions are not supported: '{alias}(' at position {start + 1}");
        }
        var slot = _aliases.IndexOf(alias);
        if (slot < 0)
        {
            slot = _aliases.Count;
            _aliases.Add(alias);
        }
        return new AliasNode(alias, slot);
    }

    private char? TryTake(params ReadOnlySpan<char> operators)
    {
        SkipSpaces();
        if (_position >= _text.Length || !operators.Contains(_text[_position])) return null;
        return _text[_position++];
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position])) _position++;
    }

    private FormatException Unexpected() =>
        new($"unexpected '{_text[_position]}' at position {_position + 1} (allowed: numbers, aliases, + - * / and parentheses)");
}
