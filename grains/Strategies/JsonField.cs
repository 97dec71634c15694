using System.Text.Json;

namespace BkMonitor.Grains.Strategies;

/// <summary>
/// A JSON value together with its path, reading itself as a typed value and reporting type and range
/// errors under that path. An absent field and an explicit <c>null</c> both read as "not present".
/// </summary>
internal readonly struct JsonField
{
    private readonly JsonElement _element;
    private readonly FieldErrors _errors;

    public JsonField(JsonElement element, string path, FieldErrors errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public bool IsPresent => _element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    public JsonElement Element => _element;

    public void Error(string message) => _errors.Add(Path, message);

    public JsonField Required()
    {
        if (!IsPresent) Error("is required");
        return this;
    }

    public long? AsLong(long min = long.MinValue, long max = long.MaxValue)
    {
        if (!IsPresent) return null;
        if (_element.ValueKind != JsonValueKind.Number || !_element.TryGetInt64(out var value))
        {
            Error("must be an integer");
            return null;
        }
        return InRange(value, min, max) ? value : null;
    }

    public int? AsInt(int min = int.MinValue, int max = int.MaxValue) => (int?)AsLong(min, max);

    public double? AsDouble()
    {
        if (!IsPresent) return null;
        if (_element.ValueKind == JsonValueKind.Number) return _element.GetDouble();
        Error("must be a number");
        return null;
    }

    public bool? AsBool()
    {
        if (!IsPresent) return null;
        if (_element.ValueKind is JsonValueKind.True or JsonValueKind.False) return _element.GetBoolean();
        Error("must be a boolean");
        return null;
    }

    public string? AsString(bool allowEmpty = true)
    {
        if (!IsPresent) return null;
        if (_element.ValueKind != JsonValueKind.String)
        {
            Error("must be a string");
            return null;
        }
        var value = _element.GetString()!;
        if (!allowEmpty && value.Trim().Length == 0)
        {
            Error("must not be empty");
            return null;
        }
        return value;
    }

    public string? AsChoice(IReadOnlyCollection<string> allowed)
    {
        var value = AsString();
        if (value is null || allowed.Contains(value)) return value;
        Error($"'{value}' is not one of: {string.Join(", ", allowed)}");
        return null;
    }

    public JsonObjectFields? AsObject()
    {
        if (!IsPresent) return null;
        if (_element.ValueKind == JsonValueKind.Object) return new JsonObjectFields(_element, Path, _errors);
        Error("must be an object");
        return null;
    }

    public IReadOnlyList<JsonField>? AsArray(bool allowEmpty = true)
    {
        if (!IsPresent) return null;
        if (_element.ValueKind != JsonValueKind.Array)
        {
            Error("must be an array");
            return null;
        }
        var items = new List<JsonField>(_element.GetArrayLength());
        var i = 0;
        foreach (var item in _element.EnumerateArray())
        {
            items.Add(new JsonField(item, $"{Path}[{i++}]", _errors));
        }
        if (!allowEmpty && items.Count == 0) Error("must not be empty");
        return items;
    }

    public IReadOnlyList<string>? AsStringList(bool allowEmpty = true, IReadOnlyCollection<string>? allowed = null) =>
        AsList(allowEmpty, f => allowed is null ? f.AsString() : f.AsChoice(allowed));

    public IReadOnlyList<long>? AsLongList(bool allowEmpty = true) =>
        AsList(allowEmpty, f => f.AsLong() is { } value ? (object)value : null)?.Cast<long>().ToList();

    /// <summary>Reads an array of elements; any element error makes the whole list null.</summary>
    public IReadOnlyList<T>? AsList<T>(bool allowEmpty, Func<JsonField, T?> read) where T : class
    {
        var items = AsArray(allowEmpty);
        if (items is null) return null;
        var result = new List<T>(items.Count);
        var ok = true;
        foreach (var item in items)
        {
            var value = read(item.Required());
            if (value is null) ok = false;
            else result.Add(value);
        }
        return ok ? result : null;
    }

    private bool InRange(long value, long min, long max)
    {
        if (value >= min && value <= max) return true;
        if (max == long.MaxValue || max == int.MaxValue) Error($"must be >= {min}");
        else if (min == long.MinValue || min == int.MinValue) Error($"must be <= {max}");
        else Error($"must be between {min} and {max}");
        return false;
    }
}
