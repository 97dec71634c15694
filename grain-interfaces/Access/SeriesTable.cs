using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Access;

/// <summary>
/// The series one strategy item has handed to detect so far: per series index its record dimensions and their
/// count_md5 (the part of a record_id before the dot), each computed once when the series first appeared.
/// Immutable: when a new series appears access publishes a longer copy, so batches already in flight keep theirs
/// and detect can key its own per-series state by the table instance and index.
/// </summary>
public sealed class SeriesTable
{
    public SeriesTable(IReadOnlyList<string> md5, IReadOnlyList<IReadOnlyDictionary<string, string>> dimensions)
    {
        ArgumentNullException.ThrowIfNull(md5);
        ArgumentNullException.ThrowIfNull(dimensions);
        if (md5.Count != dimensions.Count)
        {
            throw new ArgumentException($"a series table needs one md5 per dimension set, got {md5.Count} and {dimensions.Count}", nameof(dimensions));
        }
        Md5 = md5;
        Dimensions = dimensions;
    }

    public static SeriesTable Empty { get; } = new([], []);

    [JsonPropertyName("md5")]
    public IReadOnlyList<string> Md5 { get; }

    [JsonPropertyName("dimensions")]
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Dimensions { get; }

    [JsonIgnore]
    public int Count => Md5.Count;
}
