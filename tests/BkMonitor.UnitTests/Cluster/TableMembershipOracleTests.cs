using BkMonitor.Runtime;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.UnitTests.Cluster;

public sealed class TableMembershipOracleTests
{
    private readonly InMemoryMembershipTable _table = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly HashSet<SiloAddress> _down = [];
    private readonly TableMembershipOptions _options = new();

    private static SiloAddress Address(int port, long generation = 1) => new("127.0.0.1", port, generation);

    private TableMembershipOracle Oracle() => new(_table, _options, _time, probe: (silo, _) => Task.FromResult(!_down.Contains(silo)))
    {
        RunsBackgroundLoop = false,
    };

    /// <summary>Lets <paramref name="seconds"/> pass with one round per second of each running silo (as the background loop does).</summary>
    private async Task Run(int seconds, params TableMembershipOracle[] running)
    {
        for (var i = 0; i < seconds; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            foreach (var oracle in running)
            {
                await oracle.RunRoundAsync(CancellationToken.None);
            }
        }
    }

    private static Task Join(TableMembershipOracle oracle, SiloAddress address)
        => oracle.JoinAsync(new SiloMember(address, $"silo-{address.Port}", [], SiloStatus.Active), CancellationToken.None);

    private async Task<(TableMembershipOracle A, TableMembershipOracle B, TableMembershipOracle C)> ThreeSilos()
    {
        var (a, b, c) = (Oracle(), Oracle(), Oracle());
        await Join(a, Address(1));
        await Join(b, Address(2));
        await Join(c, Address(3));
        return (a, b, c);
    }

    [Fact]
    public async Task Joined_silos_see_each_other_as_active()
    {
        var (a, _, _) = await ThreeSilos();
        await a.RunRoundAsync(CancellationToken.None);

        Assert.Equal([Address(1), Address(2), Address(3)], a.Members.Select(m => m.Address));
        Assert.All(a.Members, m => Assert.Equal(SiloStatus.Active, m.Status));
    }

    [Fact]
    public async Task Killed_silo_is_declared_dead_by_two_votes_once_its_heartbeat_is_stale()
    {
        var (a, b, _) = await ThreeSilos();
        _down.Add(Address(3));
        await a.RunRoundAsync(CancellationToken.None);
        var changes = 0;
        a.MembershipChanged += () => changes++;

        await Run(2, a, b);
        Assert.Empty(_table.Row(Address(3)).Suspicions);

        await Run(1, b);
        Assert.Equal(SiloStatus.Active, _table.Row(Address(3)).Status);
        Assert.Single(_table.Row(Address(3)).Suspicions);

        await a.RunRoundAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.Dead, _table.Row(Address(3)).Status);

        await a.RunRoundAsync(CancellationToken.None);
        Assert.Equal([Address(1), Address(2)], a.Members.Select(m => m.Address));
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task Stale_silo_that_answers_its_probe_is_not_voted_dead()
    {
        var (a, b, _) = await ThreeSilos();

        await Run(5, a, b);

        Assert.Equal(SiloStatus.Active, _table.Row(Address(3)).Status);
        Assert.Empty(_table.Row(Address(3)).Suspicions);
    }

    [Fact]
    public async Task Single_survivor_declares_a_dead_peer_after_the_declare_dead_age()
    {
        var (a, b) = (Oracle(), Oracle());
        await Join(a, Address(1));
        await Join(b, Address(2));
        _down.Add(Address(2));

        _time.Advance(TimeSpan.FromSeconds(4));
        await a.RunRoundAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.Dead, _table.Row(Address(2)).Status);
        Assert.Equal([Address(1)], a.Members.Select(m => m.Address));
    }

    [Fact]
    public async Task Votes_older_than_the_expiry_do_not_count()
    {
        var (a, b, _) = await ThreeSilos();
        _down.Add(Address(3));
        _options.DeclareDeadAfter = TimeSpan.FromSeconds(60);

        // b stays alive (heartbeats) but does not vote until the end; a votes every second.
        for (var second = 0; second < 15; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await _table.UpdateIAmAliveAsync(Address(2), _time.GetUtcNow().UtcDateTime);
            await a.RunRoundAsync(CancellationToken.None);
        }
        Assert.Equal(SiloStatus.Active, _table.Row(Address(3)).Status);
        Assert.Single(_table.Row(Address(3)).Suspicions);
        _time.Advance(TimeSpan.FromSeconds(11));
        await _table.UpdateIAmAliveAsync(Address(2), _time.GetUtcNow().UtcDateTime);
        await _table.UpdateIAmAliveAsync(Address(1), _time.GetUtcNow().UtcDateTime);
        await b.RunRoundAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.Active, _table.Row(Address(3)).Status);
        await a.RunRoundAsync(CancellationToken.None);

        await b.RunRoundAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.Dead, _table.Row(Address(3)).Status);
    }

    [Fact]
    public async Task Silo_that_reads_itself_dead_raises_the_fatal_event_once()
    {
        var (a, b, c) = await ThreeSilos();
        var reasons = new List<string>();
        c.SelfDeclaredDead += reasons.Add;
        _down.Add(Address(3));
        await Run(4, a, b);

        await c.RunRoundAsync(CancellationToken.None);
        await c.RunRoundAsync(CancellationToken.None);

        var reason = Assert.Single(reasons);
        Assert.Contains(Address(3).ToString(), reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_silo_does_not_raise_the_fatal_event()
    {
        var (a, _, c) = await ThreeSilos();
        var raised = false;
        c.SelfDeclaredDead += _ => raised = true;

        await c.UpdateStatusAsync(Address(3), SiloStatus.Dead, CancellationToken.None);
        await a.RunRoundAsync(CancellationToken.None);

        Assert.False(raised);
        Assert.Equal([Address(1), Address(2)], a.Members.Select(m => m.Address));
    }

    [Fact]
    public async Task Restarted_silo_on_the_same_endpoint_declares_its_previous_generation_dead()
    {
        var (a, _, _) = await ThreeSilos();

        await Join(Oracle(), Address(3, generation: 2));
        await a.RunRoundAsync(CancellationToken.None);

        Assert.Equal(SiloStatus.Dead, _table.Row(Address(3)).Status);
        Assert.Contains(a.Members, m => m.Address == Address(3, generation: 2));
    }

    [Fact]
    public async Task Concurrent_joins_all_succeed_through_optimistic_retries()
    {
        var oracles = Enumerable.Range(1, 8).Select(_ => new TableMembershipOracle(_table, _options, TimeProvider.System) { RunsBackgroundLoop = false }).ToArray();

        await Task.WhenAll(oracles.Select((o, i) => Task.Run(() => Join(o, Address(100 + i)))));
        await oracles[0].RunRoundAsync(CancellationToken.None);

        Assert.Equal(8, oracles[0].Members.Count);
    }

    [Fact]
    public async Task Silos_write_their_rows_again_after_the_table_lost_them()
    {
        var (a, b, c) = await ThreeSilos();
        await Run(1, a, b, c);
        _table.Clear();

        await Run(1, a, b, c);
        await Run(1, a, b, c);

        Assert.Equal(3, a.Members.Count);
        Assert.All([Address(1), Address(2), Address(3)], s => Assert.Equal(SiloStatus.Active, _table.Row(s).Status));
    }

    [Fact]
    public void Invalid_options_name_the_setting()
    {
        var options = new TableMembershipOptions { SuspectAfter = TimeSpan.FromMilliseconds(500) };
        var error = Assert.Throws<ArgumentException>(() => new TableMembershipOracle(_table, options));
        Assert.Contains("SuspectAfter", error.Message, StringComparison.Ordinal);
    }
}
