namespace BkMonitor.Runtime;

/// <summary>One durable reminder row, in the shape of Orleans' reminder table.</summary>
public sealed record ReminderEntry
{
    public required GrainId GrainId { get; init; }

    public required string ReminderName { get; init; }

    /// <summary>First tick time (UTC); later ticks are StartAt + n·Period.</summary>
    public required DateTime StartAt { get; init; }

    public required TimeSpan Period { get; init; }

    /// <summary>Row version; null for a row not yet stored.</summary>
    public string? ETag { get; init; }

    public uint GrainHash => GrainId.GetUniformHashCode();
}

/// <summary>
/// Durable reminder storage. Ring ranges are (begin, end] over <see cref="GrainId.GetUniformHashCode"/>;
/// begin ≥ end means the range wraps past uint.MaxValue.
/// </summary>
public interface IReminderTable
{
    /// <summary>Creates or migrates the schema.</summary>
    Task InitAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId);

    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint begin, uint end);

    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName);

    /// <summary>Inserts or replaces the row; returns its new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry);

    /// <summary>Removes the row when its ETag matches; false when it did not exist or changed.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag);
}
