using System.Diagnostics.Metrics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BkMonitor.Runtime.Membership;

/// <summary>
/// Membership over a shared <see cref="IMembershipTable"/> (Redis in production): a silo joins with
/// optimistic-concurrency retries, writes a heartbeat, reads the table periodically, probes the other silos and
/// votes on those that miss their probes while their heartbeat is stale (rules in <see cref="DeathVote"/> and
/// <see cref="SiloProbeTracker"/>). A silo that reads its own row as Dead raises
/// <see cref="SelfDeclaredDead"/> (the host stops the process: the others already moved its grains).
/// </summary>
public sealed partial class TableMembershipOracle : IMembershipOracle, IAsyncDisposable
{
    private readonly IMembershipTable _table;
    private readonly TableMembershipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<SiloAddress, CancellationToken, Task<bool>> _probe;
    private readonly CancellationTokenSource _stopping = new();
    private SiloMember[] _members = [];
    private SiloMember? _self;
    private readonly MembershipInstruments _instruments;
    private readonly Dictionary<SiloAddress, SiloProbeTracker> _probes = [];
    private Task _loop = Task.CompletedTask;
    private DateTime _lastRound;
    private DateTime _lastCleanup;
    private int _leaving;
    private int _declaredDead;

    public TableMembershipOracle(
        IMembershipTable table, TableMembershipOptions options, TimeProvider? time = null, ILogger<TableMembershipOracle>? logger = null,
        Func<SiloAddress, CancellationToken, Task<bool>>? probe = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _table = table;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _probe = probe ?? TcpProbeAsync;
        _instruments = MembershipInstruments.Create(meterFactory);
    }

    public IReadOnlyList<SiloMember> Members => Volatile.Read(ref _members);

    public event Action? MembershipChanged;

    /// <summary>Raised once when the table says this silo is dead (with the reason); the host must stop.</summary>
    public event Action<string>? SelfDeclaredDead;

    /// <summary>The meter of this oracle's instruments (tests listen to it).</summary>
    internal Meter Meter => _instruments.Meter;

    /// <summary>False in unit tests that drive <see cref="RunRoundAsync"/> themselves.</summary>
    internal bool RunsBackgroundLoop { get; init; } = true;

    public async Task JoinAsync(SiloMember self, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(self);
        _self = self;
        await _table.InitAsync(cancellationToken);
        var now = UtcNow;
        var snapshot = await _table.ReadAllAsync();
        // An older generation on our endpoint is a previous run of this silo: it is certainly dead.
        foreach (var (entry, _) in snapshot.Entries)
        {
            if (entry.Silo.Host == self.Address.Host && entry.Silo.Port == self.Address.Port
                && entry.Silo.Generation < self.Address.Generation && entry.Status != SiloStatus.Dead)
            {
                await MutateAsync(entry.Silo, (e, _) => e is null || e.Status == SiloStatus.Dead ? null : e with { Status = SiloStatus.Dead }, cancellationToken);
            }
        }
        var row = new MembershipEntry
        {
            Silo = self.Address,
            Status = self.Status,
            SiloName = self.Name,
            Roles = self.Roles,
            StartTime = now,
            IAmAliveTime = now,
        };
        await MutateAsync(self.Address, (_, _) => row, cancellationToken);
        Apply(await _table.ReadAllAsync());
        if (RunsBackgroundLoop)
        {
            _loop = LoopAsync(_stopping.Token);
        }
    }

    public async Task UpdateStatusAsync(SiloAddress silo, SiloStatus status, CancellationToken cancellationToken)
    {
        if (_self is { } self && silo == self.Address && status is SiloStatus.Dead or SiloStatus.ShuttingDown)
        {
            Interlocked.Exchange(ref _leaving, 1);
        }
        // A Dead row is final: a silo declared dead never comes back under the same generation.
        await MutateAsync(silo, (e, _) => e is null || e.Status == status || e.Status == SiloStatus.Dead ? null : e with { Status = status }, CancellationToken.None);
        if (_self is { } me && silo == me.Address && status == SiloStatus.Dead)
        {
            await StopLoopAsync();
        }
        Apply(await _table.ReadAllAsync());
    }

    /// <summary>
    /// One heartbeat, one table read, the defunct-row cleanup when due, and the probes and votes for the other silos.
    /// </summary>
    internal async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        if (_self is not { } self || Volatile.Read(ref _declaredDead) != 0)
        {
            return;
        }
        var now = UtcNow;
        // A round far behind its schedule means this silo itself was starved: it is in no position to judge others.
        var lagging = _lastRound != default && now - _lastRound > LagLimit;
        _lastRound = now;
        await _table.UpdateIAmAliveAsync(self.Address, now);
        var snapshot = await _table.ReadAllAsync();
        if (!Apply(snapshot))
        {
            return;
        }
        if (!Contains(snapshot, self.Address) && Volatile.Read(ref _leaving) == 0)
        {
            // The table lost our row (a Redis restart without persistence): write it again, or nobody routes to us.
            LogRowRestored(_logger, self.Address);
            await MutateAsync(self.Address, (e, _) => e ?? new MembershipEntry
            {
                Silo = self.Address, Status = SiloStatus.Active, SiloName = self.Name, Roles = self.Roles, StartTime = now, IAmAliveTime = now,
            }, cancellationToken);
        }
        Observe(snapshot, now);
        if (now - _lastCleanup >= _options.DefunctCleanupPeriod)
        {
            _lastCleanup = now;
            await _table.CleanupDefunctEntriesAsync(now - _options.DefunctEntryExpiry);
            _instruments.Cleanup();
        }
        if (await ProbeAndVoteAsync(snapshot, self.Address, now, lagging, cancellationToken))
        {
            Apply(await _table.ReadAllAsync());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync();
        _stopping.Dispose();
        _instruments.Dispose();
    }

    private DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    private TimeSpan RoundPeriod => _options.HeartbeatPeriod < _options.TableRefreshPeriod ? _options.HeartbeatPeriod : _options.TableRefreshPeriod;

    private TimeSpan LagLimit => RoundPeriod * 3 > _options.ProbeTimeout ? RoundPeriod * 3 : _options.ProbeTimeout;

    private async Task<bool> ProbeAndVoteAsync(MembershipTableSnapshot snapshot, SiloAddress self, DateTime now, bool lagging, CancellationToken cancellationToken)
    {
        var voted = false;
        var seen = new HashSet<SiloAddress>();
        foreach (var (entry, _) in snapshot.Entries)
        {
            if (entry.Silo == self || entry.Status is SiloStatus.Dead or SiloStatus.None)
            {
                continue;
            }
            seen.Add(entry.Silo);
            if (!_probes.TryGetValue(entry.Silo, out var tracker))
            {
                _probes[entry.Silo] = tracker = new SiloProbeTracker();
            }
            if (lagging)
            {
                tracker.Extend(now);
            }
            var age = now - DeathVote.LastHeartbeat(entry);
            var missed = tracker.MissedProbes;
            var silo = entry.Silo;
            tracker.Advance(now, _options.ProbeTimeout, hung: age >= _options.DeclareDeadAfter, () => ProbeAsync(silo));
            if (tracker.MissedProbes > missed)
            {
                _instruments.ProbeFailed();
            }
            // Missed probes alone are not enough: a silo that still writes its heartbeat is slow, not dead.
            if (tracker.MissedProbes >= _options.NumMissedProbesLimit && tracker.MissedProbes != tracker.VotedAtMiss && age >= _options.SuspectAfter)
            {
                tracker.VotedAtMiss = tracker.MissedProbes;
                voted |= await VoteAsync(entry.Silo, cancellationToken);
            }
        }
        foreach (var silo in _probes.Keys.ToList())
        {
            if (!seen.Contains(silo))
            {
                _probes.Remove(silo);
            }
        }
        return voted;
    }

    private void Observe(MembershipTableSnapshot snapshot, DateTime now)
    {
        var (active, suspect, dead) = (0, 0, 0);
        foreach (var (entry, _) in snapshot.Entries)
        {
            if (entry.Status == SiloStatus.Dead)
            {
                dead++;
                continue;
            }
            if (entry.Status == SiloStatus.Active)
            {
                active++;
            }
            if (DeathVote.FreshVotes(entry, now, _options.VoteExpiry).Count > 0)
            {
                suspect++;
            }
        }
        _instruments.Observe(active, suspect, dead);
    }

    private async Task<bool> VoteAsync(SiloAddress suspect, CancellationToken cancellationToken)
    {
        var voter = _self!.Address;
        var declared = false;
        var cast = false;
        await MutateAsync(suspect, (current, snapshot) =>
        {
            var now = UtcNow;
            if (current is null || current.Status == SiloStatus.Dead || now - DeathVote.LastHeartbeat(current) < _options.SuspectAfter)
            {
                return null;
            }
            var votes = DeathVote.FreshVotes(current, now, _options.VoteExpiry, except: voter);
            votes.Add(new SuspicionVote(voter, now));
            var needed = DeathVote.VotesNeeded(_options.VotesForDeath, DeathVote.ActiveNonStale(snapshot, voter, now, _options.SuspectAfter));
            declared = votes.Count >= needed;
            cast = true;
            return current with { Suspicions = votes, Status = declared ? SiloStatus.Dead : current.Status };
        }, cancellationToken);
        if (cast)
        {
            _instruments.VoteCast();
            LogVoted(_logger, suspect, voter);
        }
        if (declared)
        {
            _instruments.DeclaredDead();
            LogDeclaredDead(_logger, suspect, voter);
        }
        return declared;
    }

    /// <summary>A probe capped at the whole suspicion window (a late answer still counts); it never throws.</summary>
    private async Task<bool> ProbeAsync(SiloAddress silo)
    {
        _instruments.ProbeSent();
        using var cap = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        cap.CancelAfter(_options.ProbeTimeout * _options.NumMissedProbesLimit);
        try
        {
            return await _probe(silo, cap.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
        {
            return false;
        }
    }

    private static async Task<bool> TcpProbeAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(silo.Host, silo.Port, cancellationToken);
        return true;
    }

    /// <summary>Read-modify-write of one row under the table version; <paramref name="change"/> returns null for "nothing to do".</summary>
    private async Task MutateAsync(SiloAddress silo, Func<MembershipEntry?, MembershipTableSnapshot, MembershipEntry?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < _options.MaxWriteAttempts; attempt++)
        {
            var snapshot = await _table.ReadAllAsync();
            (MembershipEntry Entry, string ETag)? row = null;
            foreach (var candidate in snapshot.Entries)
            {
                if (candidate.Entry.Silo == silo)
                {
                    row = candidate;
                    break;
                }
            }
            var next = change(row?.Entry, snapshot);
            if (next is null)
            {
                return;
            }
            var written = row is { } existing
                ? await _table.UpdateRowAsync(next, existing.ETag, snapshot.Version.Next())
                : await _table.InsertRowAsync(next, snapshot.Version.Next());
            if (written)
            {
                return;
            }
            _instruments.WriteConflict();
            // Another silo changed the table meanwhile: re-read and apply the change again, a little later.
            await Task.Delay(TimeSpan.FromMilliseconds(5 + Random.Shared.Next(20 * (attempt + 1))), _time, cancellationToken);
        }
        throw new InvalidOperationException(
            $"The membership row of silo {silo} could not be written after {_options.MaxWriteAttempts} attempts: the table kept changing.");
    }

    /// <summary>Publishes the live members; false when this silo found itself declared dead.</summary>
    private bool Apply(MembershipTableSnapshot snapshot)
    {
        var next = new List<SiloMember>(snapshot.Entries.Count);
        var selfDead = false;
        foreach (var (entry, _) in snapshot.Entries)
        {
            if (_self is { } self && entry.Silo == self.Address && entry.Status == SiloStatus.Dead)
            {
                selfDead = true;
            }
            if (entry.Status is SiloStatus.Dead or SiloStatus.None)
            {
                continue;
            }
            next.Add(new SiloMember(entry.Silo, entry.SiloName, entry.Roles, entry.Status));
        }
        next.Sort(static (a, b) => string.CompareOrdinal(a.Address.ToString(), b.Address.ToString()));
        var previous = Volatile.Read(ref _members);
        if (!SameMembers(previous, next))
        {
            Volatile.Write(ref _members, next.ToArray());
            MembershipChanged?.Invoke();
        }
        if (selfDead && Volatile.Read(ref _leaving) == 0 && Interlocked.Exchange(ref _declaredDead, 1) == 0)
        {
            var reason = $"the membership table declares silo {_self!.Address} dead";
            LogSelfDead(_logger, _self.Address);
            SelfDeclaredDead?.Invoke(reason);
        }
        return !selfDead;
    }

    private static bool Contains(MembershipTableSnapshot snapshot, SiloAddress silo)
    {
        foreach (var (entry, _) in snapshot.Entries)
        {
            if (entry.Silo == silo)
            {
                return true;
            }
        }
        return false;
    }

    private static bool SameMembers(SiloMember[] previous, List<SiloMember> next)
    {
        if (previous.Length != next.Count)
        {
            return false;
        }
        for (var i = 0; i < previous.Length; i++)
        {
            if (previous[i].Address != next[i].Address || previous[i].Status != next[i].Status)
            {
                return false;
            }
        }
        return true;
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var period = RoundPeriod;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunRoundAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The table is unreachable for a while (Redis restart): keep the last view and retry next round.
                _instruments.TableError();
                LogRoundFailed(_logger, ex);
            }
            try
            {
                await Task.Delay(period, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task StopLoopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }
        await _loop;
    }

    [LoggerMessage(101, LogLevel.Warning, "Silo {Suspect} declared dead (vote of {Voter})")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress suspect, SiloAddress voter);

    [LoggerMessage(105, LogLevel.Information, "Silo {Voter} votes silo {Suspect} dead: its probes went unanswered and its heartbeat is stale")]
    private static partial void LogVoted(ILogger logger, SiloAddress suspect, SiloAddress voter);

    [LoggerMessage(102, LogLevel.Critical, "Silo {Silo} found itself declared dead in the membership table; it stops")]
    private static partial void LogSelfDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(104, LogLevel.Warning, "The membership table lost the row of silo {Silo}; it is written again")]
    private static partial void LogRowRestored(ILogger logger, SiloAddress silo);

    [LoggerMessage(103, LogLevel.Warning, "Membership round failed; the last view of the cluster stays in use")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
