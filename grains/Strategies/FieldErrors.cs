namespace BkMonitor.Grains.Strategies;

/// <summary>Validation messages keyed by JSON path (<c>items[0].algorithms[1].config</c>), in discovery order.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string path, string message)
    {
        var key = path.Length == 0 ? "$" : path;
        if (!_errors.TryGetValue(key, out var messages))
        {
            messages = [];
            _errors[key] = messages;
        }
        if (!messages.Contains(message)) messages.Add(message);
    }

    public Dictionary<string, List<string>> ToDictionary() =>
        _errors.ToDictionary(p => p.Key, p => new List<string>(p.Value), StringComparer.Ordinal);
}
