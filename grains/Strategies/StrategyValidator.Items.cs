using System.Text.Json;
using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Strategies;

public sealed partial class StrategyValidator
{
    private StrategyItem ReadItem(JsonObjectFields o)
    {
        var item = new StrategyItem
        {
            Id = o["id"].AsLong(min: 0) ?? 0,
            Name = o["name"].Required().AsString(allowEmpty: false) ?? "",
            Expression = o["expression"].AsString() ?? "",
            Functions = ReadFunctions(o["functions"]),
            TimeDelay = o["time_delay"].AsInt(min: 0) ?? 0,
            Target = ReadTarget(o["target"]),
            Algorithms = ReadObjects(o["algorithms"].Required(), allowEmpty: false, ReadAlgorithm),
            NoDataConfig = ReadObject(o["no_data_config"], ReadNoDataConfig) ?? new NoDataConfig(),
            QueryConfigs = ReadObjects(o["query_configs"].Required(), allowEmpty: false, ReadQueryConfig),
        };
        if (item.QueryConfigs.Count > 1 && item.Expression.Trim().Length == 0)
        {
            o.Error("expression", "is required when the item has more than one query config");
        }
        CheckExpression(item, o);
        return item;
    }

    private AlgorithmConfig ReadAlgorithm(JsonObjectFields o)
    {
        var type = o["type"].Required().AsChoice(AlgorithmTypes.All);
        var config = o["config"].Required();
        if (type is not null && config.IsPresent)
        {
            foreach (var message in _algorithmConfigs.Validate(type, config.Element)) config.Error(message);
        }
        return new AlgorithmConfig
        {
            Id = o["id"].AsLong(min: 0) ?? 0,
            Type = type ?? "",
            Level = o["level"].Required().AsInt(1, 3) ?? 0,
            Config = config.IsPresent ? config.Element.Clone() : StrategyJson.EmptyObject,
            UnitPrefix = o["unit_prefix"].AsString() ?? "",
        };
    }

    private static NoDataConfig ReadNoDataConfig(JsonObjectFields o) => new()
    {
        IsEnabled = o["is_enabled"].AsBool() ?? false,
        Continuous = o["continuous"].AsInt(min: 1) ?? 5,
        Level = o["level"].AsInt(1, 3) ?? 2,
        AggDimension = o["agg_dimension"].AsStringList() ?? [],
    };

    /// <summary>Target: an array of OR-groups, each an array of AND-conditions.</summary>
    private static IReadOnlyList<IReadOnlyList<TargetCondition>> ReadTarget(JsonField field)
    {
        var groups = field.AsArray();
        if (groups is null) return [];
        var result = new List<IReadOnlyList<TargetCondition>>(groups.Count);
        foreach (var group in groups)
        {
            result.Add(ReadObjects(group.Required(), allowEmpty: true, ReadTargetCondition));
        }
        return result;
    }

    private static TargetCondition ReadTargetCondition(JsonObjectFields o) => new()
    {
        Field = o["field"].Required().AsChoice(StrategyVocabulary.TargetFields) ?? "",
        Method = o["method"].AsChoice(StrategyVocabulary.TargetMethods) ?? "eq",
        Value = o["value"].Required().AsList(allowEmpty: false, ReadTargetValue) ?? [],
    };

    private static IReadOnlyDictionary<string, JsonElement>? ReadTargetValue(JsonField field)
    {
        var values = field.AsObject();
        if (values is null) return null;
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in field.Element.EnumerateObject()) result[property.Name] = property.Value.Clone();
        return result;
    }

    private static IReadOnlyList<JsonElement> ReadFunctions(JsonField field) =>
        field.AsList(allowEmpty: true, f => f.AsObject() is null ? null : (object)f.Element.Clone())?.Cast<JsonElement>().ToList()
        ?? [];
}
