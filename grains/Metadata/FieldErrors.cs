namespace BkMonitor.Grains.Metadata;

/// <summary>Field-level validation messages keyed by JSON path, the shape every validator here returns.</summary>
internal sealed class FieldErrors
{
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Errors.Count == 0;

    public void Add(string path, string message)
    {
        if (!Errors.TryGetValue(path, out var list))
        {
            list = [];
            Errors[path] = list;
        }
        list.Add(message);
    }
}
