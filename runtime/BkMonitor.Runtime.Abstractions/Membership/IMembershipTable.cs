namespace BkMonitor.Runtime;

/// <summary>Lifecycle status of a silo in the membership table.</summary>
public enum SiloStatus
{
    None = 0,
    Joining = 1,
    Active = 2,
    ShuttingDown = 3,
    Dead = 4,
}

/// <summary>One silo's row in the membership table.</summary>
public sealed record MembershipEntry
{
    public required SiloAddress Silo { get; init; }

    public required SiloStatus Status { get; init; }

    public string SiloName { get; init; } = "";

    public IReadOnlyList<string> Roles { get; init; } = [];

    public DateTime StartTime { get; init; }

    /// <summary>Last heartbeat written by the silo itself (UTC).</summary>
    public DateTime IAmAliveTime { get; init; }

    /// <summary>Silos that suspect this one (address, time); enough votes declare it dead.</summary>
    public IReadOnlyList<SuspicionVote> Suspicions { get; init; } = [];
}

public sealed record SuspicionVote(SiloAddress Voter, DateTime Time);

/// <summary>Version of the whole table; every membership change increments it (optimistic concurrency).</summary>
public sealed record TableVersion(int Version, string ETag)
{
    public TableVersion Next() => new(Version + 1, ETag);
}

/// <summary>The table as read at one version: each entry with its row ETag.</summary>
public sealed record MembershipTableSnapshot(IReadOnlyList<(MembershipEntry Entry, string ETag)> Entries, TableVersion Version);

/// <summary>
/// Durable membership table (Orleans' shape). Inserts and updates carry the table version the writer
/// read plus one; a concurrent change makes them return false, and the writer re-reads and retries.
/// </summary>
public interface IMembershipTable
{
    Task InitAsync(CancellationToken cancellationToken);

    Task<MembershipTableSnapshot> ReadAllAsync();

    /// <summary>Adds a row if the silo is new and the table is still at <c>version.Version - 1</c>.</summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version);

    /// <summary>Replaces a row if its ETag and the table version still match.</summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version);

    /// <summary>Writes only the heartbeat time of the silo's row (no version change).</summary>
    Task UpdateIAmAliveAsync(SiloAddress silo, DateTime iAmAliveTime);

    /// <summary>Removes rows of dead silos older than <paramref name="before"/>.</summary>
    Task CleanupDefunctEntriesAsync(DateTime before);
}
