using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Routing;

/// <summary>
/// The routing rule "condition" matcher: an agg_condition list evaluated against the target value alone,
/// with bk-monitor's <c>load_agg_condition_instance</c> semantics. An item with <c>condition: or</c> starts
/// a new OR group; an item whose value is falsy (null, 0, "", [], false) is ignored, as Python's
/// <c>all([...])</c> check does; empty groups match. Values compare as Python <c>str</c> for eq/include/reg
/// and as floats (NaN when unparsable) for gt/gte/lt/lte. Kept small and internal: the shared
/// ConditionMatcher replaces it at integration.
/// </summary>
internal sealed class RoutingConditionMatcher : ITargetMatcher
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly string[] Methods = ["eq", "neq", "gt", "gte", "lt", "lte", "include", "exclude", "reg", "nreg"];
    private readonly List<List<Clause>> _orGroups;

    private RoutingConditionMatcher(List<List<Clause>> orGroups) => _orGroups = orGroups;

    public static RoutingConditionMatcher Compile(JsonElement? config, string path)
    {
        if (config is not { ValueKind: JsonValueKind.Array } list)
        {
            throw new ArgumentException($"{path}: a condition matcher needs a list of {{method, value, condition}}");
        }

        var groups = new List<List<Clause>>();
        var group = new List<Clause>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"{itemPath}: expected an object with method and value");
            }
            if (item.TryGetProperty("condition", out var connector) && connector.ValueKind == JsonValueKind.String
                && connector.GetString() == "or" && group.Count > 0)
            {
                groups.Add(group);
                group = [];
            }
            // The placeholder keeps an all-falsy group in place: it still matches, as an empty AND does.
            group.Add(Clause.Compile(item, itemPath));
        }
        if (group.Count > 0)
        {
            groups.Add(group);
        }
        return new RoutingConditionMatcher(groups);
    }

    public bool Matches(long target)
    {
        if (_orGroups.Count == 0)
        {
            return true;
        }
        var text = target.ToString(CultureInfo.InvariantCulture);
        try
        {
            foreach (var group in _orGroups)
            {
                if (AllMatch(group, text, target))
                {
                    return true;
                }
            }
            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            // bk-monitor logs a failing rule and treats it as not matching.
            return false;
        }
    }

    private static bool AllMatch(List<Clause> group, string text, long target)
    {
        foreach (var clause in group)
        {
            if (!clause.Matches(text, target))
            {
                return false;
            }
        }
        return true;
    }

    private sealed class Clause
    {
        private string _method = "eq";
        private string[] _strings = [];
        private double[] _floats = [];
        private Regex?[] _patterns = [];
        private bool _ignored;

        public static Clause Compile(JsonElement item, string path)
        {
            var clause = new Clause();
            if (item.TryGetProperty("method", out var method))
            {
                clause._method = method.ValueKind == JsonValueKind.String && Methods.Contains(method.GetString())
                    ? method.GetString()!
                    : throw new ArgumentException($"{path}.method: unknown method {method.GetRawText()}, expected one of {string.Join(", ", Methods)}");
            }
            if (!item.TryGetProperty("value", out var value) || IsFalsy(value))
            {
                clause._ignored = true;
                return clause;
            }

            JsonElement[] values = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [value];
            clause._strings = [.. values.Select(v => PythonStr.Of(v).Trim())];
            clause._floats = [.. values.Select(SafeFloat)];
            if (clause._method is "reg" or "nreg")
            {
                clause._patterns = [.. clause._strings.Select(TryRegex)];
            }
            return clause;
        }

        public bool Matches(string text, long target) => _ignored || _method switch
        {
            "eq" => Equal(text),
            "neq" => !Equal(text),
            "include" => Include(text),
            "exclude" => !Include(text),
            "gt" => Greater(target),
            "lte" => !Greater(target),
            "lt" => Lesser(target),
            "gte" => !Lesser(target),
            "reg" => Regular(text),
            "nreg" => !Regular(text),
            _ => false,
        };

        private bool Equal(string text) => _strings.Contains(text, StringComparer.Ordinal);

        private bool Include(string text) => _strings.Any(v => text.Contains(v, StringComparison.Ordinal));

        // Python's max()/min() keep the first element unless a later one compares greater/less, which
        // decides how a NaN from an unparsable value propagates; mirrored here.
        private bool Greater(long target) => target > PythonExtreme(_floats, (x, best) => x > best);

        private bool Lesser(long target) => target < PythonExtreme(_floats, (x, best) => x < best);

        private bool Regular(string text)
        {
            foreach (var pattern in _patterns)
            {
                if (pattern is null)
                {
                    return false;
                }
                if (pattern.IsMatch(text))
                {
                    return true;
                }
            }
            return false;
        }

        private static double PythonExtreme(double[] values, Func<double, double, bool> better)
        {
            var best = values[0];
            for (var i = 1; i < values.Length; i++)
            {
                if (better(values[i], best))
                {
                    best = values[i];
                }
            }
            return best;
        }

        private static Regex? TryRegex(string pattern)
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

        private static bool IsFalsy(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => true,
            JsonValueKind.Number => value.GetDouble() == 0,
            JsonValueKind.String => value.GetString()!.Length == 0,
            JsonValueKind.Array => value.GetArrayLength() == 0,
            JsonValueKind.Object => !value.EnumerateObject().Any(),
            _ => false,
        };

        private static double SafeFloat(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            JsonValueKind.String => PythonFloat(value.GetString()!),
            _ => double.NaN,
        };

        /// <summary>Python <c>float(str)</c>: surrounding blanks allowed, inf/nan spelled in any case; anything else is NaN (safe_float).</summary>
        private static double PythonFloat(string text) => text.Trim().ToLowerInvariant() switch
        {
            "inf" or "+inf" or "infinity" or "+infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            var s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
        };
    }
}
