using System.Text.Json;

namespace BkMonitor.Grains.Strategies;

/// <summary>
/// The fields of one JSON object. Every field asked for becomes known; <see cref="RejectUnknown"/> then
/// reports the rest, so the set of accepted fields is exactly the set the reader looks at.
/// </summary>
internal sealed class JsonObjectFields
{
    private readonly JsonElement _element;
    private readonly FieldErrors _errors;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public JsonObjectFields(JsonElement element, string path, FieldErrors errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public JsonField this[string name]
    {
        get
        {
            _known.Add(name);
            var value = _element.TryGetProperty(name, out var found) ? found : default;
            return new JsonField(value, PathOf(name), _errors);
        }
    }

    public string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public void Error(string name, string message) => _errors.Add(PathOf(name), message);

    public void RejectUnknown()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_known.Contains(property.Name)) _errors.Add(PathOf(property.Name), "unknown field");
        }
    }
}
