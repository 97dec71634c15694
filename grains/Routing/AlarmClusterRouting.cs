using System.Globalization;
using BkMonitor.GrainInterfaces.Routing;

namespace BkMonitor.Grains.Routing;

/// <summary>
/// Which targets (businesses, alert data ids) an alarm cluster owns, from bk-monitor's
/// <c>Cluster.match</c>: rules of the target's type are walked in order; a matching rule of another
/// cluster means "not ours", a matching rule of this cluster means "ours", nothing matching means not
/// ours. Business rules end with an implied <c>{biz, default, true}</c> unless the last one already
/// matches everything, so unclaimed businesses fall to the <c>default</c> cluster.
/// </summary>
public sealed class AlarmClusterRouting
{
    public const string DefaultClusterName = "default";
    private readonly Dictionary<RoutingTargetType, List<CompiledRule>> _rules = new()
    {
        [RoutingTargetType.Biz] = [],
        [RoutingTargetType.AlertDataId] = [],
    };

    /// <exception cref="ArgumentException">A cluster name, target type, matcher type or condition is invalid.</exception>
    public AlarmClusterRouting(string clusterName, IEnumerable<ClusterRoutingRule> rules)
    {
        ClusterName = NormalizeName(clusterName);
        var index = 0;
        foreach (var rule in rules)
        {
            var path = $"routing_rules[{index++}]";
            var type = ParseTargetType(rule.TargetType, path);
            _rules[type].Add(new CompiledRule(NormalizeName(rule.ClusterName), CompileMatcher(rule, path)));
        }

        var bizRules = _rules[RoutingTargetType.Biz];
        if (bizRules.Count == 0 || bizRules[^1].Matcher is not AlwaysMatcher { Result: true })
        {
            bizRules.Add(new CompiledRule(DefaultClusterName, AlwaysMatcher.True));
        }
    }

    public string ClusterName { get; }

    public bool IsDefault => ClusterName == DefaultClusterName;

    public bool Owns(RoutingTargetType type, long target)
    {
        foreach (var rule in _rules[type])
        {
            if (rule.Matcher.Matches(target))
            {
                return rule.ClusterName == ClusterName;
            }
        }
        return false;
    }

    /// <summary>The cluster owning a target (first matching rule), or null when no rule matches.</summary>
    public string? OwnerOf(RoutingTargetType type, long target)
    {
        foreach (var rule in _rules[type])
        {
            if (rule.Matcher.Matches(target))
            {
                return rule.ClusterName;
            }
        }
        return null;
    }

    public List<long> Filter(RoutingTargetType type, IEnumerable<long> targets) => [.. targets.Where(t => Owns(type, t))];

    /// <summary>bk-monitor's <c>check_name</c>: lower-cased, at most 64 characters of letters, digits, '-' and '_'.</summary>
    public static string NormalizeName(string name)
    {
        var lower = (name ?? throw new ArgumentNullException(nameof(name))).ToLowerInvariant();
        if (lower.Length == 0 || lower.Length > 64 || !lower.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"invalid cluster name '{name}': 1-64 letters, digits, '-' or '_'", nameof(name));
        }
        return lower;
    }

    private static RoutingTargetType ParseTargetType(string value, string path) => value?.ToLowerInvariant() switch
    {
        "biz" => RoutingTargetType.Biz,
        "alert_data_id" => RoutingTargetType.AlertDataId,
        _ => throw new ArgumentException($"{path}.target_type: invalid target_type '{value}', expected biz or alert_data_id"),
    };

    private static ITargetMatcher CompileMatcher(ClusterRoutingRule rule, string path) => rule.MatcherType switch
    {
        "true" => AlwaysMatcher.True,
        "false" => AlwaysMatcher.False,
        "condition" => RoutingConditionMatcher.Compile(rule.MatcherConfig, path + ".matcher_config"),
        // bk-monitor treats an unknown matcher as never matching; a typo here would silently move
        // targets, so it is rejected when the configuration loads instead.
        _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{path}.matcher_type: invalid matcher_type '{rule.MatcherType}', expected true, false or condition")),
    };

    private sealed record CompiledRule(string ClusterName, ITargetMatcher Matcher);

    private sealed record AlwaysMatcher(bool Result) : ITargetMatcher
    {
        public static readonly AlwaysMatcher True = new(true);
        public static readonly AlwaysMatcher False = new(false);

        public bool Matches(long target) => Result;
    }
}

/// <summary>Decides whether a routing target (biz id or alert data id) satisfies a rule.</summary>
internal interface ITargetMatcher
{
    bool Matches(long target);
}
