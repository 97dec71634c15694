namespace BkMonitor.Runtime.Membership;

/// <summary>
/// Timing of <see cref="TableMembershipOracle"/>. With the defaults a killed silo is stale after 3 s, probed
/// and voted on by the next table reads, and declared dead within about 5 s (at the latest after
/// <see cref="DeclareDeadAfter"/> even when too few silos are left to vote).
/// </summary>
public sealed class TableMembershipOptions
{
    /// <summary>How often a silo writes its IAmAlive time.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a silo reads the whole table.</summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose heartbeat is older than this is suspected and probed.</summary>
    public TimeSpan SuspectAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A direct probe that gets no connection within this time failed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Distinct voters (capped at the number of other live silos) needed to declare a silo dead.</summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>Votes older than this no longer count.</summary>
    public TimeSpan VoteExpiry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A stale silo that fails its probe is declared dead by a single voter after this heartbeat age.</summary>
    public TimeSpan DeclareDeadAfter { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Attempts of one optimistic-concurrency write before giving up.</summary>
    public int MaxWriteAttempts { get; set; } = 20;

    public void Validate()
    {
        Require(HeartbeatPeriod > TimeSpan.Zero, nameof(HeartbeatPeriod));
        Require(TableRefreshPeriod > TimeSpan.Zero, nameof(TableRefreshPeriod));
        Require(SuspectAfter > HeartbeatPeriod, nameof(SuspectAfter), "must exceed HeartbeatPeriod");
        Require(ProbeTimeout > TimeSpan.Zero, nameof(ProbeTimeout));
        Require(VotesForDeath >= 1, nameof(VotesForDeath));
        Require(DeclareDeadAfter >= SuspectAfter, nameof(DeclareDeadAfter), "must be at least SuspectAfter");
        Require(MaxWriteAttempts >= 1, nameof(MaxWriteAttempts));
    }

    private static void Require(bool condition, string name, string problem = "must be positive")
    {
        if (!condition)
        {
            throw new ArgumentException($"TableMembershipOptions.{name} {problem}.", name);
        }
    }
}
