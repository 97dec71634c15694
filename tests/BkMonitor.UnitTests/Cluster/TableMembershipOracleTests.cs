using System.Diagnostics.Metrics;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.UnitTests.Cluster;

/// <summary>
/// Failure detection on a fake clock. Defaults: heartbeat and rounds every 1 s, stale after 3 s, probe timeout 1 s,
/// 3 missed probes before a vote, 2 votes (capped at half the active non-stale silos), votes expire after 10 s.
/// </summary>
public sealed class TableMembershipOracleTests
{
    private readonly InMemoryMembershipTable _table = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly HashSet<SiloAddress> _down = [];
    private readonly TableMembershipOptions _options = new();
    private Func<SiloAddress, Task<bool>>? _probe;

    private static SiloAddress Address(int port, long generation = 1) => new("127.0.0.1", port, generation);

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private TableMembershipOracle Oracle() => new(
        _table, _options, _time, probe: (silo, _) => _probe?.Invoke(silo) ?? Task.FromResult(!_down.Contains(silo)))
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

    /// <summary>Silos that are alive but not driven by the test: only their heartbeats.</summary>
    private async Task Beat(params int[] ports)
    {
        foreach (var port in ports)
        {
            await _table.UpdateIAmAliveAsync(Address(port), Now);
        }
    }

    /// <summary>One silo runs its rounds for <paramref name="seconds"/> while the <paramref name="beating"/> ones only beat.</summary>
    private async Task RunAlone(TableMembershipOracle oracle, int seconds, params int[] beating)
    {
        for (var second = 0; second < seconds; second++)
        {
            await Run(1, oracle);
            await Beat(beating);
        }
    }

    private static Task Join(TableMembershipOracle oracle, SiloAddress address)
        => oracle.JoinAsync(new SiloMember(address, $"silo-{address.Port}", [], SiloStatus.Active), CancellationToken.None);

    private async Task<TableMembershipOracle[]> Silos(int count)
    {
        var oracles = new TableMembershipOracle[count];
        for (var i = 0; i < count; i++)
        {
            oracles[i] = Oracle();
            await Join(oracles[i], Address(i + 1));
        }
        return oracles;
    }

    private SiloStatus StatusOf(int port) => _table.Row(Address(port)).Status;

    [Fact]
    public async Task Joined_silos_see_each_other_as_active()
    {
        var silos = await Silos(3);
        await silos[0].RunRoundAsync(CancellationToken.None);

        Assert.Equal([Address(1), Address(2), Address(3)], silos[0].Members.Select(m => m.Address));
        Assert.All(silos[0].Members, m => Assert.Equal(SiloStatus.Active, m.Status));
    }

    [Fact]
    public async Task Killed_silo_is_declared_dead_on_its_third_missed_probe()
    {
        var silos = await Silos(3);
        _down.Add(Address(3));

        // t=1 first probe sent; t=2, 3 two misses.
        await Run(3, silos[0], silos[1]);
        Assert.Equal(SiloStatus.Active, StatusOf(3));
        Assert.Empty(_table.Row(Address(3)).Suspicions);
        var changes = 0;
        silos[0].MembershipChanged += () => changes++;

        // t=4 third miss: one vote is enough, since only two active silos are fresh (votes needed = min(2, (2 + 1) / 2)).
        await Run(1, silos[0]);
        Assert.Equal(SiloStatus.Dead, StatusOf(3));
        Assert.Equal([Address(1), Address(2)], silos[0].Members.Select(m => m.Address));
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task Every_missed_probe_waits_the_full_probe_timeout_even_when_it_fails_at_once()
    {
        _options.ProbeTimeout = TimeSpan.FromSeconds(2);
        var silos = await Silos(2);
        _down.Add(Address(2));

        // Probes sent at t=1, 3, 5 fail instantly but are judged at t=3, 5, 7.
        await Run(6, silos[0]);
        Assert.Equal(SiloStatus.Active, StatusOf(2));

        await Run(1, silos[0]);
        Assert.Equal(SiloStatus.Dead, StatusOf(2));
    }

    [Fact]
    public async Task Probe_answered_after_its_timeout_still_proves_the_silo_alive()
    {
        var silos = await Silos(2);
        var probes = new List<TaskCompletionSource<bool>>();
        _probe = _ =>
        {
            var probe = new TaskCompletionSource<bool>();
            probes.Add(probe);
            return probe.Task;
        };

        // Probes sent at t=1 and t=2 are counted as missed at t=2 and t=3.
        await Run(3, silos[0]);
        Assert.Equal(3, probes.Count);
        probes[1].SetResult(true);

        // t=4: the third probe misses too, but the late answer cleared the two misses before it.
        await Run(1, silos[0]);
        await Run(1, silos[0]);
        Assert.Equal(SiloStatus.Active, StatusOf(2));
        Assert.Empty(_table.Row(Address(2)).Suspicions);
    }

    [Fact]
    public async Task Silo_that_misses_probes_but_keeps_beating_is_never_voted_on()
    {
        var silos = await Silos(2);
        _down.Add(Address(2));

        for (var second = 0; second < 20; second++)
        {
            await Run(1, silos[0]);
            await Beat(2);
        }

        Assert.Equal(SiloStatus.Active, StatusOf(2));
        Assert.Empty(_table.Row(Address(2)).Suspicions);
    }

    [Fact]
    public async Task Heartbeat_after_a_vote_refutes_that_vote()
    {
        var silos = await Silos(4);
        _down.Add(Address(4));
        // a probes alone (b and c only beat) and votes at its third miss, t=4: 1 of 2 votes needed.
        await RunAlone(silos[0], 4, 2, 3);
        Assert.Single(_table.Row(Address(4)).Suspicions);

        // The slow silo beats once after that vote; b then votes when its own three misses are in (at t=8).
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await Beat(4);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await RunAlone(silos[1], 4, 1, 3);

        var row = _table.Row(Address(4));
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal(Address(2), Assert.Single(row.Suspicions).Voter);
    }

    [Fact]
    public async Task Two_votes_are_needed_while_three_active_silos_are_fresh()
    {
        var silos = await Silos(4);
        _down.Add(Address(4));

        await Run(4, silos[0], silos[1], silos[2]);

        // a voted first (1 of 2); b's vote in the same second declared the silo dead.
        var row = _table.Row(Address(4));
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Equal([Address(1), Address(2)], row.Suspicions.Select(v => v.Voter));
    }

    [Fact]
    public async Task Votes_older_than_the_expiry_do_not_count()
    {
        var silos = await Silos(4);
        _down.Add(Address(4));
        await RunAlone(silos[0], 4, 2, 3);
        Assert.Single(_table.Row(Address(4)).Suspicions);

        // b starts probing 11 s later: a's vote (t=4) has expired when b votes at t=18.
        for (var second = 0; second < 14; second++)
        {
            if (second >= 10)
            {
                await Run(1, silos[1]);
            }
            else
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                await Beat(2);
            }
            await Beat(1, 3);
        }

        var row = _table.Row(Address(4));
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal(Address(2), Assert.Single(row.Suspicions).Voter);
    }

    [Fact]
    public async Task Silo_that_was_starved_itself_does_not_judge_probes_from_before_the_stall()
    {
        var silos = await Silos(2);
        _down.Add(Address(2));
        await Run(3, silos[0]);

        // The prober's own round comes 10 s late: the probe in flight gets a new window instead of a third miss.
        _time.Advance(TimeSpan.FromSeconds(9));
        await Run(1, silos[0]);
        Assert.Equal(SiloStatus.Active, StatusOf(2));

        await Run(1, silos[0]);
        Assert.Equal(SiloStatus.Dead, StatusOf(2));
    }

    [Fact]
    public async Task Hung_silo_whose_port_still_accepts_is_declared_dead_once_its_heartbeat_is_older_than_the_limit()
    {
        var silos = await Silos(3);

        // Silo 3 never beats after joining (t=0) but its probes succeed; from t=8 (DeclareDeadAfter) they count as missed.
        await Run(9, silos[0], silos[1]);
        Assert.Equal(SiloStatus.Active, StatusOf(3));

        await Run(1, silos[0], silos[1]);
        Assert.Equal(SiloStatus.Dead, StatusOf(3));
    }

    [Fact]
    public async Task Dead_rows_older_than_the_defunct_expiry_are_removed()
    {
        var silos = await Silos(1);
        var version = (await _table.ReadAllAsync()).Version;
        await _table.InsertRowAsync(new MembershipEntry { Silo = Address(7), Status = SiloStatus.Dead, IAmAliveTime = Now.AddHours(-2) }, version.Next());
        version = (await _table.ReadAllAsync()).Version;
        await _table.InsertRowAsync(new MembershipEntry { Silo = Address(8), Status = SiloStatus.Dead, IAmAliveTime = Now.AddMinutes(-10) }, version.Next());

        await Run(1, silos[0]);

        Assert.False(_table.HasRow(Address(7)));
        Assert.True(_table.HasRow(Address(8)));
    }

    [Fact]
    public async Task Metrics_count_silos_by_status_probes_and_votes()
    {
        var silos = await Silos(3);
        var counters = new Dictionary<string, long>();
        var gauges = new Dictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == silos[0].Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counters[instrument.Name] = counters.GetValueOrDefault(instrument.Name) + value);
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => gauges[(string)tags[0].Value!] = value);
        listener.Start();
        _down.Add(Address(3));

        await Run(4, silos[0], silos[1]);
        await Run(1, silos[0]);
        listener.RecordObservableInstruments();

        Assert.Equal(9, counters[MembershipInstruments.ProbesSent]);
        Assert.Equal(3, counters[MembershipInstruments.ProbesFailed]);
        Assert.Equal(1, counters[MembershipInstruments.VotesCast]);
        Assert.Equal(1, counters[MembershipInstruments.SilosDeclaredDead]);
        Assert.Equal(2, gauges["active"]);
        Assert.Equal(1, gauges["dead"]);
        Assert.Equal(0, gauges["suspect"]);
    }

    [Fact]
    public async Task Silo_that_reads_itself_dead_raises_the_fatal_event_once()
    {
        var silos = await Silos(3);
        var reasons = new List<string>();
        silos[2].SelfDeclaredDead += reasons.Add;
        _down.Add(Address(3));
        await Run(4, silos[0], silos[1]);

        await silos[2].RunRoundAsync(CancellationToken.None);
        await silos[2].RunRoundAsync(CancellationToken.None);

        var reason = Assert.Single(reasons);
        Assert.Contains(Address(3).ToString(), reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_silo_does_not_raise_the_fatal_event()
    {
        var silos = await Silos(3);
        var raised = false;
        silos[2].SelfDeclaredDead += _ => raised = true;

        await silos[2].UpdateStatusAsync(Address(3), SiloStatus.Dead, CancellationToken.None);
        await silos[0].RunRoundAsync(CancellationToken.None);

        Assert.False(raised);
        Assert.Equal([Address(1), Address(2)], silos[0].Members.Select(m => m.Address));
    }

    [Fact]
    public async Task Restarted_silo_on_the_same_endpoint_declares_its_previous_generation_dead()
    {
        var silos = await Silos(3);

        await Join(Oracle(), Address(3, generation: 2));
        await silos[0].RunRoundAsync(CancellationToken.None);

        Assert.Equal(SiloStatus.Dead, StatusOf(3));
        Assert.Contains(silos[0].Members, m => m.Address == Address(3, generation: 2));
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
        var silos = await Silos(3);
        await Run(1, silos);
        _table.Clear();

        await Run(1, silos);
        await Run(1, silos);

        Assert.Equal(3, silos[0].Members.Count);
        Assert.All([Address(1), Address(2), Address(3)], s => Assert.Equal(SiloStatus.Active, _table.Row(s).Status));
    }

    [Theory]
    [InlineData(nameof(TableMembershipOptions.SuspectAfter))]
    [InlineData(nameof(TableMembershipOptions.NumMissedProbesLimit))]
    [InlineData(nameof(TableMembershipOptions.DefunctEntryExpiry))]
    public void Invalid_options_name_the_setting(string setting)
    {
        var options = new TableMembershipOptions();
        switch (setting)
        {
            case nameof(TableMembershipOptions.SuspectAfter): options.SuspectAfter = TimeSpan.FromMilliseconds(500); break;
            case nameof(TableMembershipOptions.NumMissedProbesLimit): options.NumMissedProbesLimit = 0; break;
            default: options.DefunctEntryExpiry = TimeSpan.Zero; break;
        }
        var error = Assert.Throws<ArgumentException>(() => new TableMembershipOracle(_table, options));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
