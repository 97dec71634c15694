namespace BkMonitor.Runtime.Membership;

/// <summary>
/// Timing of <see cref="TableMembershipOracle"/> (Orleans' ClusterMembershipOptions in spirit). A silo is voted on
/// only after <see cref="NumMissedProbesLimit"/> probes in a row went unanswered, each given the full
/// <see cref="ProbeTimeout"/>, and only while its own heartbeat in the table is stale; with the defaults a killed
/// silo is declared dead after about 4 s.
/// </summary>
public sealed class TableMembershipOptions
{
    /// <summary>How often a silo writes its IAmAlive time.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a silo reads the whole table.</summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A silo whose heartbeat is older than this is stale: it may be voted on, and it no longer counts among the
    /// active silos that set the number of votes needed. A fresh heartbeat refutes every suspicion.
    /// </summary>
    public TimeSpan SuspectAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Both the time a probe is given to be answered and the period between probes of one silo.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Unanswered probes in a row after which this silo votes the probed silo dead.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Distinct fresh votes needed to declare a silo dead, capped at half the active non-stale silos (rounded up).</summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>Votes older than this no longer count.</summary>
    public TimeSpan VoteExpiry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A silo that has not beaten for this long is hung even when its port still accepts connections (the kernel
    /// completes TCP handshakes for a frozen process): from then on its probes count as missed.
    /// </summary>
    public TimeSpan DeclareDeadAfter { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Dead rows whose last heartbeat is older than this are removed from the table.</summary>
    public TimeSpan DefunctEntryExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a silo removes defunct rows.</summary>
    public TimeSpan DefunctCleanupPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts of one optimistic-concurrency write before giving up.</summary>
    public int MaxWriteAttempts { get; set; } = 20;

    public void Validate()
    {
        Require(HeartbeatPeriod > TimeSpan.Zero, nameof(HeartbeatPeriod));
        Require(TableRefreshPeriod > TimeSpan.Zero, nameof(TableRefreshPeriod));
        Require(SuspectAfter > HeartbeatPeriod, nameof(SuspectAfter), "must exceed HeartbeatPeriod");
        Require(ProbeTimeout > TimeSpan.Zero, nameof(ProbeTimeout));
        Require(NumMissedProbesLimit >= 1, nameof(NumMissedProbesLimit));
        Require(VotesForDeath >= 1, nameof(VotesForDeath));
        Require(VoteExpiry > TimeSpan.Zero, nameof(VoteExpiry));
        Require(DeclareDeadAfter >= SuspectAfter, nameof(DeclareDeadAfter), "must be at least SuspectAfter");
        Require(DefunctEntryExpiry > TimeSpan.Zero, nameof(DefunctEntryExpiry));
        Require(DefunctCleanupPeriod > TimeSpan.Zero, nameof(DefunctCleanupPeriod));
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
