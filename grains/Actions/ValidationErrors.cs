namespace BkMonitor.Grains.Actions;

/// <summary>Field-level validation messages keyed by JSON path, as the API returns them.</summary>
internal sealed class ValidationErrors
{
    public Dictionary<string, List<string>> ByField { get; } = new(StringComparer.Ordinal);

    public bool IsValid => ByField.Count == 0;

    public void Add(string field, string message)
    {
        if (!ByField.TryGetValue(field, out var list)) ByField[field] = list = [];
        list.Add(message);
    }
}
