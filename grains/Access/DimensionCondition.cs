using System.Text.RegularExpressions;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Access;

/// <summary>
/// One <c>{field, method, value[]}</c> condition over a dimension value, with bk-monitor's semantics
/// (bkmonitor.utils.range): values compare as stripped Python strings; eq/neq test set overlap;
/// include/exclude test substrings; gt/gte/lt/lte compare floats (unparseable = NaN, so gt/lt are false
/// and their negations lte/gte true); reg/nreg search with each pattern, an invalid pattern failing reg.
/// </summary>
public sealed class DimensionCondition
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Op _op;
    private readonly string[] _values;
    private readonly double _maxValue;
    private readonly double _minValue;
    private readonly Regex?[] _patterns;

    public DimensionCondition(string field, string method, IReadOnlyList<string> values)
    {
        Field = field;
        Method = method;
        Values = values;
        _op = ParseOp(method);
        _values = values.Select(v => v.Trim()).ToArray();
        (_minValue, _maxValue) = PythonMinMax(values);
        _patterns = _op is Op.Reg or Op.Nreg ? _values.Select(Compile).ToArray() : [];
    }

    public string Field { get; }
    public string Method { get; }
    public IReadOnlyList<string> Values { get; }

    /// <summary>Whether a present dimension value (possibly null, i.e. Python None) satisfies the condition.</summary>
    public bool IsMatch(string? value) => _op switch
    {
        Op.Neq => !EqualsAny(value),
        Op.Include => IncludesAny(value),
        Op.Exclude => !IncludesAny(value),
        Op.Gt => PythonFloat.Parse(value) > _maxValue,
        Op.Lte => !(PythonFloat.Parse(value) > _maxValue),
        Op.Lt => PythonFloat.Parse(value) < _minValue,
        Op.Gte => !(PythonFloat.Parse(value) < _minValue),
        Op.Reg => SearchesAny(value),
        Op.Nreg => !SearchesAny(value),
        _ => EqualsAny(value),
    };

    // bk-monitor falls back to eq for a method it does not know.
    private static Op ParseOp(string method) => method switch
    {
        "neq" => Op.Neq,
        "include" => Op.Include,
        "exclude" => Op.Exclude,
        "gt" => Op.Gt,
        "gte" => Op.Gte,
        "lt" => Op.Lt,
        "lte" => Op.Lte,
        "reg" => Op.Reg,
        "nreg" => Op.Nreg,
        _ => Op.Eq,
    };

    private bool EqualsAny(string? value)
    {
        var text = PythonStr.Of(value).Trim();
        foreach (var candidate in _values)
        {
            if (string.Equals(candidate, text, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private bool IncludesAny(string? value)
    {
        var text = PythonStr.Of(value).Trim();
        foreach (var candidate in _values)
        {
            if (text.Contains(candidate, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private bool SearchesAny(string? value)
    {
        var text = PythonStr.Of(value).Trim();
        foreach (var pattern in _patterns)
        {
            // Python stops at the first pattern that does not compile and reports no match.
            if (pattern is null) return false;
            try
            {
                if (pattern.IsMatch(text)) return true;
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
        return false;
    }

    private static Regex? Compile(string pattern)
    {
        // Python spells named groups (?P<name>…) and back-references (?P=name).
        var dotnet = Regex.Replace(pattern, @"\(\?P=(\w+)\)", @"\k<$1>").Replace("(?P<", "(?<", StringComparison.Ordinal);
        try
        {
            return new Regex(dotnet, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Python's <c>min</c>/<c>max</c> over floats: a NaN is kept only when it comes first.</summary>
    private static (double Min, double Max) PythonMinMax(IReadOnlyList<string> values)
    {
        if (values.Count == 0) return (double.NaN, double.NaN);
        var min = PythonFloat.Parse(values[0]);
        var max = min;
        for (var i = 1; i < values.Count; i++)
        {
            var v = PythonFloat.Parse(values[i]);
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (min, max);
    }

    private enum Op { Eq, Neq, Include, Exclude, Gt, Gte, Lt, Lte, Reg, Nreg }
}
