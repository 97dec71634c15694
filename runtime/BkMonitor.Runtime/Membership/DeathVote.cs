namespace BkMonitor.Runtime.Membership;

/// <summary>
/// The voting rules of the membership protocol (Orleans' shape): a vote counts while it is younger than the vote
/// expiry and newer than the suspect's last heartbeat (a silo that is slow but alive refutes its suspicions by
/// beating); the votes needed are the configured number capped at half the active non-stale silos, rounded up.
/// </summary>
internal static class DeathVote
{
    public static int VotesNeeded(int configured, int activeNonStaleSilos)
        => Math.Max(1, Math.Min(configured, (activeNonStaleSilos + 1) / 2));

    public static DateTime LastHeartbeat(MembershipEntry entry)
        => entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime;

    /// <summary>The votes that still count at <paramref name="now"/>, without any earlier vote of <paramref name="except"/>.</summary>
    public static List<SuspicionVote> FreshVotes(MembershipEntry suspect, DateTime now, TimeSpan expiry, SiloAddress? except = null)
    {
        var heartbeat = LastHeartbeat(suspect);
        var fresh = new List<SuspicionVote>(suspect.Suspicions.Count + 1);
        foreach (var vote in suspect.Suspicions)
        {
            if (vote.Voter != except && now - vote.Time < expiry && vote.Time > heartbeat)
            {
                fresh.Add(vote);
            }
        }
        return fresh;
    }

    /// <summary>Active silos whose heartbeat is fresh; <paramref name="self"/> counts as fresh (it has just beaten).</summary>
    public static int ActiveNonStale(MembershipTableSnapshot snapshot, SiloAddress self, DateTime now, TimeSpan staleAfter)
    {
        var count = 0;
        foreach (var (entry, _) in snapshot.Entries)
        {
            if (entry.Status == SiloStatus.Active && (entry.Silo == self || now - LastHeartbeat(entry) < staleAfter))
            {
                count++;
            }
        }
        return count;
    }
}
