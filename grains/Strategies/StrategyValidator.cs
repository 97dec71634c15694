using System.Text.Json;
using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Strategies;

/// <summary>
/// Validates a strategy's raw JSON completely (unknown fields, types, required fields, value sets,
/// cross-field rules) and, when valid, builds the typed <see cref="Strategy"/> with defaults applied.
/// Errors are keyed by JSON path, e.g. <c>items[0].algorithms[1].config</c>.
/// </summary>
public sealed partial class StrategyValidator
{
    private readonly IAlgorithmConfigValidator _algorithmConfigs;

    public StrategyValidator(IAlgorithmConfigValidator? algorithmConfigs = null)
    {
        _algorithmConfigs = algorithmConfigs ?? new KnownAlgorithmTypeValidator();
    }

    public StrategyValidationResult Validate(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Validate(document.RootElement);
        }
        catch (JsonException e)
        {
            return new StrategyValidationResult(null, new() { ["$"] = [$"invalid JSON: {e.Message}"] });
        }
    }

    public StrategyValidationResult Validate(JsonElement json)
    {
        var errors = new FieldErrors();
        var strategy = ReadObject(new JsonField(json, "", errors).Required(), ReadStrategy);
        return errors.IsEmpty && strategy is not null
            ? new StrategyValidationResult(strategy, [])
            : new StrategyValidationResult(null, errors.ToDictionary());
    }

    private Strategy ReadStrategy(JsonObjectFields o)
    {
        var strategy = new Strategy
        {
            Id = o["id"].AsLong(min: 0) ?? 0,
            BkBizId = o["bk_biz_id"].Required().AsLong() ?? 0,
            Name = o["name"].Required().AsString(allowEmpty: false) ?? "",
            Scenario = o["scenario"].Required().AsString(allowEmpty: false) ?? "",
            Type = o["type"].AsString(allowEmpty: false) ?? "monitor",
            IsEnabled = o["is_enabled"].AsBool() ?? true,
            Labels = o["labels"].AsStringList() ?? [],
            Priority = o["priority"].AsInt(0, 10000),
            PriorityGroupKey = o["priority_group_key"].AsString(),
            Items = ReadObjects(o["items"].Required(), allowEmpty: false, ReadItem),
            Detects = ReadObjects(o["detects"].Required(), allowEmpty: false, ReadDetect),
            Notice = ReadObject(o["notice"], ReadNotice),
            Actions = ReadObjects(o["actions"], allowEmpty: true, ReadAction),
            CreateTime = o["create_time"].AsLong(min: 0) ?? 0,
            UpdateTime = o["update_time"].AsLong(min: 0) ?? 0,
        };
        CheckDetectLevels(strategy, o);
        return strategy;
    }

    /// <summary>Reads an optional or required object field; null when absent or not an object.</summary>
    private static T? ReadObject<T>(JsonField field, Func<JsonObjectFields, T> read) where T : class
    {
        var fields = field.AsObject();
        if (fields is null) return null;
        var value = read(fields);
        fields.RejectUnknown();
        return value;
    }

    /// <summary>Reads an array of objects; elements that are not objects are reported and skipped.</summary>
    private static List<T> ReadObjects<T>(JsonField field, bool allowEmpty, Func<JsonObjectFields, T> read) where T : class
    {
        var elements = field.AsArray(allowEmpty);
        if (elements is null) return [];
        var values = new List<T>(elements.Count);
        foreach (var element in elements)
        {
            if (ReadObject(element.Required(), read) is { } value) values.Add(value);
        }
        return values;
    }
}
