using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BkMonitor.Runtime.Membership;

/// <summary>
/// Membership over a shared <see cref="IMembershipTable"/> (Redis in production): a silo joins with
/// optimistic-concurrency retries, writes a heartbeat, reads the table periodically, probes silos whose
/// heartbeat went stale and votes them dead. A silo that reads its own row as Dead raises
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
    private Task _loop = Task.CompletedTask;
    private int _leaving;
    private int _declaredDead;

    public TableMembershipOracle(
        IMembershipTable table, TableMembershipOptions options, TimeProvider? time = null, ILogger<TableMembershipOracle>? logger = null,
        Func<SiloAddress, CancellationToken, Task<bool>>? probe = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _table = table;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _probe = probe ?? TcpProbeAsync;
    }

    public IReadOnlyList<SiloMember> Members => Volatile.Read(ref _members);

    public event Action? MembershipChanged;

    /// <summary>Raised once when the table says this silo is dead (with the reason); the host must stop.</summary>
    public event Action<string>? SelfDeclaredDead;

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
                await MutateAsync(entry.Silo, e => e is null || e.Status == SiloStatus.Dead ? null : e with { Status = SiloStatus.Dead }, cancellationToken);
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
        await MutateAsync(self.Address, _ => row, cancellationToken);
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
        await MutateAsync(silo, e => e is null || e.Status == status || e.Status == SiloStatus.Dead ? null : e with { Status = status }, CancellationToken.None);
        if (_self is { } me && silo == me.Address && status == SiloStatus.Dead)
        {
            await StopLoopAsync();
        }
        Apply(await _table.ReadAllAsync());
    }

    /// <summary>One heartbeat, one table read, and probes/votes for stale silos.</summary>
    internal async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        if (_self is not { } self || Volatile.Read(ref _declaredDead) != 0)
        {
            return;
        }
        var now = UtcNow;
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
            await MutateAsync(self.Address, e => e ?? new MembershipEntry
            {
                Silo = self.Address, Status = SiloStatus.Active, SiloName = self.Name, Roles = self.Roles, StartTime = now, IAmAliveTime = now,
            }, cancellationToken);
        }
        var voted = false;
        foreach (var (entry, _) in snapshot.Entries)
        {
            if (entry.Silo == self.Address || entry.Status is SiloStatus.Dead or SiloStatus.None || HeartbeatAge(entry, now) < _options.SuspectAfter)
            {
                continue;
            }
            var age = HeartbeatAge(entry, now);
            // A silo that answers but has not beaten for long is hung (or cut off from the table): vote anyway.
            if (age < _options.DeclareDeadAfter * 2 && await ProbeAsync(entry.Silo, cancellationToken))
            {
                continue;
            }
            voted |= await VoteAsync(entry.Silo, LiveVoters(snapshot, entry.Silo, now), cancellationToken);
        }
        if (voted)
        {
            Apply(await _table.ReadAllAsync());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync();
        _stopping.Dispose();
    }

    private DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    private static TimeSpan HeartbeatAge(MembershipEntry entry, DateTime now)
        => now - (entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime);

    private int LiveVoters(MembershipTableSnapshot snapshot, SiloAddress suspect, DateTime now)
    {
        var live = 0;
        foreach (var (entry, _) in snapshot.Entries)
        {
            if (entry.Silo != suspect && entry.Status is SiloStatus.Active or SiloStatus.Joining
                && (entry.Silo == _self!.Address || HeartbeatAge(entry, now) < _options.SuspectAfter))
            {
                live++;
            }
        }
        return Math.Max(live, 1);
    }

    private async Task<bool> VoteAsync(SiloAddress suspect, int liveVoters, CancellationToken cancellationToken)
    {
        var voter = _self!.Address;
        var declared = false;
        await MutateAsync(suspect, current =>
        {
            var now = UtcNow;
            if (current is null || current.Status == SiloStatus.Dead || HeartbeatAge(current, now) < _options.SuspectAfter)
            {
                return null;
            }
            var votes = new List<SuspicionVote>(current.Suspicions.Count + 1);
            foreach (var vote in current.Suspicions)
            {
                if (vote.Voter != voter && now - vote.Time < _options.VoteExpiry)
                {
                    votes.Add(vote);
                }
            }
            votes.Add(new SuspicionVote(voter, now));
            declared = votes.Count >= Math.Min(_options.VotesForDeath, liveVoters) || HeartbeatAge(current, now) >= _options.DeclareDeadAfter;
            return current with { Suspicions = votes, Status = declared ? SiloStatus.Dead : current.Status };
        }, cancellationToken);
        if (declared)
        {
            LogDeclaredDead(_logger, suspect, voter);
        }
        return declared;
    }

    private async Task<bool> ProbeAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.ProbeTimeout);
        try
        {
            return await _probe(silo, deadline.Token);
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
    private async Task MutateAsync(SiloAddress silo, Func<MembershipEntry?, MembershipEntry?> change, CancellationToken cancellationToken)
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
            var next = change(row?.Entry);
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
        var period = _options.HeartbeatPeriod < _options.TableRefreshPeriod ? _options.HeartbeatPeriod : _options.TableRefreshPeriod;
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

    [LoggerMessage(102, LogLevel.Critical, "Silo {Silo} found itself declared dead in the membership table; it stops")]
    private static partial void LogSelfDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(104, LogLevel.Warning, "The membership table lost the row of silo {Silo}; it is written again")]
    private static partial void LogRowRestored(ILogger logger, SiloAddress silo);

    [LoggerMessage(103, LogLevel.Warning, "Membership round failed; the last view of the cluster stays in use")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
