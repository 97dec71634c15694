using BkMonitor.Runtime;
using BkMonitor.Runtime.Membership;

namespace BkMonitor.UnitTests.Cluster;

public sealed class DeathVoteTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static SiloAddress Address(int port) => new("127.0.0.1", port, 1);

    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(2, 2, 1)]
    [InlineData(2, 3, 2)]
    [InlineData(2, 10, 2)]
    [InlineData(3, 4, 2)]
    [InlineData(3, 5, 3)]
    [InlineData(5, 0, 1)]
    public void Votes_needed_are_the_configured_number_capped_at_half_the_fresh_active_silos(int configured, int active, int expected)
        => Assert.Equal(expected, DeathVote.VotesNeeded(configured, active));

    [Fact]
    public void Fresh_votes_drop_expired_votes_votes_before_the_last_heartbeat_and_the_voters_own_vote()
    {
        var suspect = new MembershipEntry
        {
            Silo = Address(9),
            Status = SiloStatus.Active,
            StartTime = T0,
            IAmAliveTime = T0.AddSeconds(20),
            Suspicions =
            [
                new SuspicionVote(Address(1), T0.AddSeconds(15)),
                new SuspicionVote(Address(2), T0.AddSeconds(21)),
                new SuspicionVote(Address(3), T0.AddSeconds(25)),
                new SuspicionVote(Address(4), T0.AddSeconds(29)),
            ],
        };

        var fresh = DeathVote.FreshVotes(suspect, T0.AddSeconds(32), TimeSpan.FromSeconds(10), except: Address(4));

        Assert.Equal([Address(3)], fresh.Select(v => v.Voter));
    }
}
