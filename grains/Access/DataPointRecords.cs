using BkMonitor.GrainInterfaces.Detect;

namespace BkMonitor.Grains.Access;

/// <summary>Access records in the shape detect consumes.</summary>
internal static class DataPointRecords
{
    /// <summary>Python's <c>str(None)</c>: a dimension access reported as None keeps the same count_md5.</summary>
    public const string None = "None";

    public static DataPointRecord From(AccessRecord record) => new()
    {
        RecordId = record.RecordId,
        Value = record.Value,
        Dimensions = WithoutNone(record.Dimensions),
        Time = record.Time,
    };

    /// <summary>The same dictionary when no value is None (only the annotation differs), else a copy with "None".</summary>
    public static IReadOnlyDictionary<string, string> WithoutNone(IReadOnlyDictionary<string, string?> dimensions)
    {
        var hasNone = false;
        foreach (var (_, value) in dimensions) hasNone |= value is null;
        if (!hasNone) return (IReadOnlyDictionary<string, string>)(object)dimensions;
        var copy = new Dictionary<string, string>(dimensions.Count, StringComparer.Ordinal);
        foreach (var (key, value) in dimensions) copy[key] = value ?? None;
        return copy;
    }
}
