using System.Globalization;
using System.Text.RegularExpressions;

namespace BkMonitor.Grains.Shields;

/// <summary>
/// One compiled condition on one key (bk-monitor's range conditions). A key the alert lacks never
/// matches, whatever the method; values compare as trimmed strings, eq matching when any value is shared.
/// </summary>
internal sealed class ShieldDimensionRule
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private readonly HashSet<string> _valueSet;
    private readonly Regex?[] _patterns;

    public ShieldDimensionRule(string key, string method, IReadOnlyList<string> values)
    {
        Key = key;
        Method = method;
        Values = [.. values.Select(v => v.Trim())];
        _valueSet = [.. Values];
        _patterns = method is "reg" or "nreg" ? [.. Values.Select(Compile)] : [];
    }

    public string Key { get; }
    public string Method { get; }
    public IReadOnlyList<string> Values { get; }

    public bool IsMatch(IReadOnlyDictionary<string, IReadOnlyList<string>> dims)
        => dims.TryGetValue(Key, out var data) && IsMatchValues(data);

    public bool IsMatchValues(IReadOnlyList<string> data) => Method switch
    {
        "neq" => !Shares(data),
        "include" => Includes(data),
        "exclude" => !Includes(data),
        "gt" => Compare(data, (d, c) => d.Min() > c.Max()),
        "lte" => !Compare(data, (d, c) => d.Min() > c.Max()),
        "lt" => Compare(data, (d, c) => d.Max() < c.Min()),
        "gte" => !Compare(data, (d, c) => d.Max() < c.Min()),
        "reg" => Matches(data),
        "nreg" => !Matches(data),
        _ => Shares(data),
    };

    private bool Shares(IReadOnlyList<string> data)
    {
        foreach (var value in data)
        {
            if (_valueSet.Contains(value.Trim())) return true;
        }
        return false;
    }

    private bool Includes(IReadOnlyList<string> data)
    {
        if (data.Count == 0) return false;
        var first = data[0].Trim();
        foreach (var value in Values)
        {
            if (first.Contains(value, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    // bk-monitor's safe_float reads a non-number as 0.
    private bool Compare(IReadOnlyList<string> data, Func<double[], double[], bool> test)
    {
        if (data.Count == 0 || Values.Count == 0) return false;
        return test([.. data.Select(ToFloat)], [.. Values.Select(ToFloat)]);
    }

    private bool Matches(IReadOnlyList<string> data)
    {
        if (data.Count == 0) return false;
        var first = data[0].Trim();
        foreach (var pattern in _patterns)
        {
            if (pattern is null) return false;
            try
            {
                if (pattern.IsMatch(first)) return true;
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
        return false;
    }

    private static double ToFloat(string value)
        => double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;

    private static Regex? Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
