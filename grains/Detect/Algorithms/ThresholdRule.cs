using System.Text.Json;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.Detect.Units;

namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// An OR-list of AND-groups of <c>{threshold, method}</c>, thresholds already normalised to the unit's
/// smallest suffix. Shared by Threshold and TimeSeriesForecasting.
/// </summary>
internal sealed class ThresholdRule
{
    private readonly Condition[][] _groups;
    private readonly AnomalyResult[] _messages;

    private ThresholdRule(Condition[][] groups, AnomalyResult[] messages)
    {
        _groups = groups;
        _messages = messages;
    }

    /// <summary>The first AND-group whose comparisons all hold, or null.</summary>
    public AnomalyResult? Match(double normalisedValue)
    {
        for (var g = 0; g < _groups.Length; g++)
        {
            var group = _groups[g];
            var all = true;
            foreach (var condition in group)
            {
                if (!condition.Method.Holds(normalisedValue, condition.Threshold))
                {
                    all = false;
                    break;
                }
            }
            if (all) return _messages[g];
        }
        return null;
    }

    public static ThresholdRule? Parse(ConfigReader reader, JsonElement config, string path, UnitScale scale, string suffix)
    {
        if (config.ValueKind != JsonValueKind.Array || config.GetArrayLength() == 0)
        {
            reader.Error(path, $"must be a non-empty list of AND-groups of {{threshold, method}}, got {ConfigReader.Describe(config)}");
            return null;
        }
        var groups = new List<Condition[]>();
        var messages = new List<AnomalyResult>();
        var g = 0;
        foreach (var groupElement in config.EnumerateArray())
        {
            var groupPath = $"{path}[{g++}]";
            if (groupElement.ValueKind != JsonValueKind.Array || groupElement.GetArrayLength() == 0)
            {
                reader.Error(groupPath, $"must be a non-empty list of {{threshold, method}}, got {ConfigReader.Describe(groupElement)}");
                continue;
            }
            var conditions = ParseGroup(reader, groupElement, groupPath, scale, suffix);
            if (conditions is null) continue;
            groups.Add(conditions);
            messages.Add(new AnomalyResult(string.Join("且", conditions.Select(c => c.Description))));
        }
        return reader.HasErrors ? null : new ThresholdRule([.. groups], [.. messages]);
    }

    private static Condition[]? ParseGroup(ConfigReader reader, JsonElement group, string path, UnitScale scale, string suffix)
    {
        var conditions = new List<Condition>();
        var valid = true;
        var c = 0;
        foreach (var element in group.EnumerateArray())
        {
            var conditionPath = $"{path}[{c++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                reader.Error(conditionPath, $"must be an object {{threshold, method}}, got {ConfigReader.Describe(element)}");
                valid = false;
                continue;
            }
            var hasThreshold = element.TryGetProperty("threshold", out var thresholdElement);
            var threshold = 0d;
            if (!hasThreshold || !ConfigReader.TryReadFloat(thresholdElement, out threshold))
            {
                reader.Error($"{conditionPath}.threshold", hasThreshold
                    ? $"must be a number, got {ConfigReader.Describe(thresholdElement)}"
                    : "is required");
                valid = false;
            }
            var method = element.TryGetProperty("method", out var methodElement) && methodElement.ValueKind == JsonValueKind.String
                ? methodElement.GetString()
                : null;
            if (method is null || !Comparison.ThresholdMethods.Contains(method))
            {
                reader.Error($"{conditionPath}.method",
                    $"must be one of {string.Join(", ", Comparison.ThresholdMethods)}, got {ConfigReader.Describe(methodElement)}");
                valid = false;
                continue;
            }
            var parsed = Comparison.Parse(method);
            conditions.Add(new Condition(parsed, scale.Apply(threshold), $" {parsed.Symbol()} {PythonStr.Float(threshold)}{suffix}"));
        }
        return valid ? [.. conditions] : null;
    }

    private readonly record struct Condition(ComparisonMethod Method, double Threshold, string Description);
}
