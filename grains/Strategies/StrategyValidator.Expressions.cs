using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Expressions;

namespace BkMonitor.Grains.Strategies;

public sealed partial class StrategyValidator
{
    /// <summary>
    /// An item whose expression is evaluated (<see cref="StrategyDerivations.EvaluatesExpression"/>) needs an alias on
    /// every query config, unique regardless of case (the expression is lower-cased like bk-monitor's), and an
    /// expression that parses and uses only those aliases.
    /// </summary>
    private static void CheckExpression(StrategyItem item, JsonObjectFields o)
    {
        if (!StrategyDerivations.EvaluatesExpression(item) || item.Expression.Trim().Length == 0) return;
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < item.QueryConfigs.Count; i++)
        {
            var alias = item.QueryConfigs[i].Alias?.Trim() ?? "";
            var field = $"query_configs[{i}].alias";
            if (alias.Length == 0) o.Error(field, "is required when the item's expression is evaluated");
            else if (!IsAlias(alias)) o.Error(field, $"'{alias}' must be a letter or '_' followed by letters, digits or '_'");
            else if (!aliases.Add(alias.ToLowerInvariant())) o.Error(field, $"'{alias}' is used by another query config of the item");
        }

        var expression = ArithmeticExpression.TryParse(item.Expression, out var error);
        if (expression is null)
        {
            o.Error("expression", $"invalid expression: {error}");
            return;
        }
        if (expression.Aliases.Count == 0) o.Error("expression", "must use at least one query config alias");
        foreach (var used in expression.Aliases)
        {
            if (!aliases.Contains(used))
            {
                o.Error("expression", $"unknown alias '{used}' (the query configs' aliases: {string.Join(", ", aliases.Order(StringComparer.Ordinal))})");
            }
        }
    }

    private static bool IsAlias(string alias)
    {
        if (!(char.IsAsciiLetter(alias[0]) || alias[0] == '_')) return false;
        foreach (var c in alias)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }
}
