namespace BkMonitor.Runtime;

/// <summary>A range (Begin, End] of the uniform hash ring; Begin ≥ End wraps past uint.MaxValue.</summary>
public readonly record struct RingRange(uint Begin, uint End)
{
    public bool Contains(uint hash) => Begin < End ? hash > Begin && hash <= End : hash > Begin || hash <= End;

    public static RingRange Full => new(0, 0);
}

/// <summary>
/// The consistent-hash ring over the live silos, as seen by this silo. Reminder and stream-queue
/// ownership follow it: a silo serves the hashes of its own ranges and reloads when they change.
/// </summary>
public interface ISiloRing
{
    SiloAddress LocalSilo { get; }

    /// <summary>The live silos, ordered by address.</summary>
    IReadOnlyList<SiloAddress> Silos { get; }

    /// <summary>The ranges this silo owns.</summary>
    IReadOnlyList<RingRange> LocalRanges { get; }

    bool IsLocal(uint hash);

    /// <summary>The silo owning <paramref name="hash"/>.</summary>
    SiloAddress Owner(uint hash);

    /// <summary>Raised (on a thread-pool thread) after the set of live silos changed.</summary>
    event Action? Changed;
}
