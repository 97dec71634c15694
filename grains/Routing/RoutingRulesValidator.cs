using BkMonitor.GrainInterfaces.Routing;

namespace BkMonitor.Grains.Routing;

/// <summary>Field-level errors of a routing rule set, keyed <c>rules[i].field</c>, from the same parsing the routing uses.</summary>
internal static class RoutingRulesValidator
{
    private const string CompilerPrefix = "routing_rules[0]";

    public static Dictionary<string, string[]> Validate(IReadOnlyList<ClusterRoutingRule?> rules)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var path = $"rules[{i}]";
            if (rules[i] is not { } rule)
            {
                errors[path] = ["a rule is an object {target_type, cluster_name, matcher_type, matcher_config?}"];
                continue;
            }
            if (string.IsNullOrEmpty(rule.ClusterName))
            {
                errors[$"{path}.cluster_name"] = ["required: the cluster (silo role) that hosts the matching targets"];
                continue;
            }
            try
            {
                _ = AlarmClusterRouting.NormalizeName(rule.ClusterName);
            }
            catch (ArgumentException e)
            {
                errors[$"{path}.cluster_name"] = [e.Message.Split(" (Parameter", 2)[0]];
                continue;
            }
            try
            {
                _ = new AlarmClusterRouting(AlarmClusterRouting.DefaultClusterName, [rule]);
            }
            catch (ArgumentException e)
            {
                // The routing names the field as "routing_rules[0].field: message" (one rule compiled at a time).
                var message = e.Message;
                var colon = message.IndexOf(": ", StringComparison.Ordinal);
                var field = message.StartsWith(CompilerPrefix, StringComparison.Ordinal) && colon > 0 ? path + message[CompilerPrefix.Length..colon] : path;
                errors[field] = [colon > 0 ? message[(colon + 2)..] : message];
            }
        }
        return errors;
    }
}
