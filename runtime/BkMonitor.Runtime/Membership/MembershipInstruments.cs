using System.Diagnostics.Metrics;

namespace BkMonitor.Runtime.Membership;

/// <summary>Membership metrics (meter <c>BkMonitor.Runtime.Membership</c>); instrument names are collected here.</summary>
internal sealed class MembershipInstruments : IDisposable
{
    public const string MeterName = "BkMonitor.Runtime.Membership";
    public const string Silos = "bkmonitor.membership.silos";
    public const string ProbesSent = "bkmonitor.membership.probes_sent";
    public const string ProbesFailed = "bkmonitor.membership.probes_failed";
    public const string VotesCast = "bkmonitor.membership.votes_cast";
    public const string SilosDeclaredDead = "bkmonitor.membership.silos_declared_dead";
    public const string WriteConflicts = "bkmonitor.membership.table_write_conflicts";
    public const string TableErrors = "bkmonitor.membership.table_errors";
    public const string DefunctRowsRemoved = "bkmonitor.membership.defunct_cleanups";

    private readonly Counter<long> _probesSent;
    private readonly Counter<long> _probesFailed;
    private readonly Counter<long> _votes;
    private readonly Counter<long> _declared;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _tableErrors;
    private readonly Counter<long> _cleanups;
    private readonly bool _ownsMeter;
    private (int Active, int Suspect, int Dead) _counts;

    private MembershipInstruments(Meter meter, bool ownsMeter)
    {
        Meter = meter;
        _ownsMeter = ownsMeter;
        _probesSent = meter.CreateCounter<long>(ProbesSent, "{probe}", "Direct probes sent to other silos.");
        _probesFailed = meter.CreateCounter<long>(ProbesFailed, "{probe}", "Probes not answered within the probe timeout.");
        _votes = meter.CreateCounter<long>(VotesCast, "{vote}", "Suspicion votes this silo wrote into the membership table.");
        _declared = meter.CreateCounter<long>(SilosDeclaredDead, "{silo}", "Silos this silo declared dead.");
        _conflicts = meter.CreateCounter<long>(WriteConflicts, "{write}", "Membership writes that lost an optimistic-concurrency race and were retried.");
        _tableErrors = meter.CreateCounter<long>(TableErrors, "{round}", "Membership rounds that failed because the table was unreachable.");
        _cleanups = meter.CreateCounter<long>(DefunctRowsRemoved, "{cleanup}", "Cleanups of dead rows older than the defunct expiry.");
        meter.CreateObservableGauge(Silos, ObserveSilos, "{silo}", "Silos in the membership table, by status (active, suspect, dead).");
    }

    public Meter Meter { get; }

    public static MembershipInstruments Create(IMeterFactory? factory)
        => factory is null ? new MembershipInstruments(new Meter(MeterName), true) : new MembershipInstruments(factory.Create(MeterName), false);

    public void ProbeSent() => _probesSent.Add(1);

    public void ProbeFailed() => _probesFailed.Add(1);

    public void VoteCast() => _votes.Add(1);

    public void DeclaredDead() => _declared.Add(1);

    public void WriteConflict() => _conflicts.Add(1);

    public void TableError() => _tableErrors.Add(1);

    public void Cleanup() => _cleanups.Add(1);

    /// <summary>Counts of the last table read; a suspect is an active silo with at least one fresh vote against it.</summary>
    public void Observe(int active, int suspect, int dead) => _counts = (active, suspect, dead);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    private IEnumerable<Measurement<int>> ObserveSilos()
    {
        var (active, suspect, dead) = _counts;
        return
        [
            new(active, new KeyValuePair<string, object?>("status", "active")),
            new(suspect, new KeyValuePair<string, object?>("status", "suspect")),
            new(dead, new KeyValuePair<string, object?>("status", "dead")),
        ];
    }
}
