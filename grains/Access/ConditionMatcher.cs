using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Access;

/// <summary>
/// An OR of AND-groups of <see cref="DimensionCondition"/>s over a dimension dictionary — bk-monitor's
/// agg_condition semantics, shared by access filtering, shields and alarm cluster routing. An empty
/// matcher or group matches; a condition whose dimension is absent matches when
/// <c>matchWhenMissing</c> (bk-monitor's default for agg_condition).
/// </summary>
public sealed class ConditionMatcher
{
    private readonly DimensionCondition[][] _groups;
    private readonly bool _matchWhenMissing;

    public ConditionMatcher(IEnumerable<IEnumerable<DimensionCondition>> groups, bool matchWhenMissing = true)
    {
        // Like bk-monitor, a condition without field, method or values is dropped, not failed.
        _groups = groups
            .Select(g => g.Where(c => c.Field.Length > 0 && c.Method.Length > 0 && c.Values.Count > 0).ToArray())
            .ToArray();
        _matchWhenMissing = matchWhenMissing;
    }

    public static ConditionMatcher MatchAll { get; } = new([]);

    public bool IsEmpty => _groups.Length == 0;

    /// <summary>
    /// Builds the matcher of a query's agg_condition list: the first condition's connector is ignored,
    /// <c>and</c> extends the current group, <c>or</c> starts a new one.
    /// </summary>
    public static ConditionMatcher FromAggConditions(IReadOnlyList<AggCondition> conditions, bool matchWhenMissing = true)
    {
        var groups = new List<List<DimensionCondition>>();
        var current = new List<DimensionCondition>();
        for (var i = 0; i < conditions.Count; i++)
        {
            var condition = conditions[i];
            var connector = i == 0 || string.IsNullOrEmpty(condition.Condition) ? "and" : condition.Condition.ToLowerInvariant();
            var compiled = new DimensionCondition(condition.Key, condition.Method, condition.Value);
            switch (connector)
            {
                case "and":
                    current.Add(compiled);
                    break;
                case "or":
                    groups.Add(current);
                    current = [compiled];
                    break;
                default:
                    throw new ArgumentException($"agg_condition[{i}].condition: unsupported connector '{condition.Condition}'", nameof(conditions));
            }
        }
        if (current.Count > 0) groups.Add(current);
        return new ConditionMatcher(groups, matchWhenMissing);
    }

    public bool IsMatch(IReadOnlyDictionary<string, string?> dimensions)
    {
        if (_groups.Length == 0) return true;
        foreach (var group in _groups)
        {
            if (GroupMatches(group, dimensions)) return true;
        }
        return false;
    }

    private bool GroupMatches(DimensionCondition[] group, IReadOnlyDictionary<string, string?> dimensions)
    {
        foreach (var condition in group)
        {
            var matched = dimensions.TryGetValue(condition.Field, out var value) ? condition.IsMatch(value) : _matchWhenMissing;
            if (!matched) return false;
        }
        return true;
    }
}
