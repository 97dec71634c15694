using System.Globalization;
using System.Text.Json;

namespace BkMonitor.Grains.Detect;

/// <summary>
/// Reads an algorithm config the way bk-monitor's serializers validate it (FloatField accepts
/// numbers and numeric strings, IntegerField integral values) and collects one message per bad
/// field, prefixed with the field's path inside the config ("floor: …", "args.z: …").
/// </summary>
internal sealed class ConfigReader
{
    private readonly List<string> _errors;
    private readonly string _path;

    public ConfigReader(JsonElement root) : this(root, "", []) { }

    private ConfigReader(JsonElement root, string path, List<string> errors)
    {
        Root = root;
        _path = path;
        _errors = errors;
    }

    public JsonElement Root { get; }

    public IReadOnlyList<string> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Error(string field, string message) =>
        _errors.Add(string.IsNullOrEmpty(field) ? $"{PathOrConfig()}: {message}" : $"{_path}{field}: {message}");

    public bool ExpectObject()
    {
        if (Root.ValueKind == JsonValueKind.Object) return true;
        Error("", $"must be an object, got {Describe(Root)}");
        return false;
    }

    /// <summary>A nested object read with the same error list; missing or null yields an empty object reader.</summary>
    public ConfigReader Child(string name)
    {
        var child = Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(name, out var value) ? value : default;
        if (child.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            Error(name, $"must be an object, got {Describe(child)}");
            child = default;
        }
        return new ConfigReader(child, $"{_path}{name}.", _errors);
    }

    public double? Float(string name, bool required = true, bool allowNull = false, double? min = null)
    {
        if (!TryGet(name, required, allowNull, out var element)) return null;
        if (!TryReadFloat(element, out var value))
        {
            Error(name, $"must be a number, got {Describe(element)}");
            return null;
        }
        if (min is { } floor && value < floor)
        {
            Error(name, $"must be >= {PythonNumber(floor)}, got {PythonNumber(value)}");
            return null;
        }
        return value;
    }

    public int? Integer(string name, bool required = true, bool allowNull = false, int? min = null)
    {
        if (!TryGet(name, required, allowNull, out var element)) return null;
        if (!TryReadInteger(element, out var value))
        {
            Error(name, $"must be an integer, got {Describe(element)}");
            return null;
        }
        if (min is { } floor && value < floor)
        {
            Error(name, $"must be >= {floor}, got {value}");
            return null;
        }
        return value;
    }

    public string? Choice(string name, IReadOnlyList<string> choices, string? defaultValue = null)
    {
        if (!TryGet(name, required: defaultValue is null, allowNull: false, out var element)) return defaultValue;
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (text is null || !choices.Contains(text))
        {
            Error(name, $"must be one of {string.Join(", ", choices)}, got {Describe(element)}");
            return null;
        }
        return text;
    }

    public static bool TryReadFloat(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out value) && double.IsFinite(value),
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                && double.IsFinite(value),
            _ => false,
        };
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Undefined => "nothing",
        JsonValueKind.Null => "null",
        JsonValueKind.String => $"\"{element.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => element.GetRawText(),
    };

    private bool TryGet(string name, bool required, bool allowNull, out JsonElement element)
    {
        element = default;
        if (Root.ValueKind != JsonValueKind.Object || !Root.TryGetProperty(name, out element))
        {
            if (required) Error(name, "is required");
            return false;
        }
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (!allowNull) Error(name, "must not be null");
            return false;
        }
        return true;
    }

    private static bool TryReadInteger(JsonElement element, out int value)
    {
        value = 0;
        if (!TryReadFloat(element, out var number) || number != Math.Floor(number) || Math.Abs(number) > int.MaxValue) return false;
        value = (int)number;
        return true;
    }

    private static string PythonNumber(double value) => Hashing.PythonStr.Float(value);

    private string PathOrConfig() => _path.Length == 0 ? "config" : _path.TrimEnd('.');
}
