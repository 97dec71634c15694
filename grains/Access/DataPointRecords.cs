using BkMonitor.GrainInterfaces.Detect;

namespace BkMonitor.Grains.Access;

/// <summary>Access records in the shape detect consumes.</summary>
internal static class DataPointRecords
{
    /// <summary>Python's <c>str(None)</c>: a dimension access reported as None keeps the same count_md5.</summary>
    public const string None = "None";

    public static DataPointRecord From(AccessRecord record)
    {
        var dimensions = new Dictionary<string, string>(record.Dimensions.Count, StringComparer.Ordinal);
        foreach (var (key, value) in record.Dimensions) dimensions[key] = value ?? None;
        return new DataPointRecord
        {
            RecordId = record.RecordId,
            Value = record.Value,
            Dimensions = dimensions,
            Time = record.Time,
        };
    }
}
