using System.Diagnostics.Metrics;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Reminders;

/// <summary>
/// Runs the reminders whose grain hash falls in this silo's ring ranges and registers reminders for grains.
/// It reloads its rows when the ring changes and, to pick up rows other silos wrote or removed, every
/// <see cref="ReminderOptions.RefreshPeriod"/>; <see cref="ReloadGrainAsync"/> lets the runtime make an owner
/// pick up a registration at once. All changes to the running set go through one gate, so a reload that read
/// the table before a registration cannot undo it.
/// </summary>
internal sealed partial class LocalReminderService : ISiloLifecycleParticipant, IHealthReporter, IDisposable
{
    private readonly IReminderTable _table;
    private readonly ISiloRing _ring;
    private readonly Func<IGrainCallRuntime> _callRuntime;
    private readonly ReminderOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(GrainId GrainId, string Name), LocalReminder> _running = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _refreshLoop = Task.CompletedTask;
    private IGrainCallRuntime? _resolvedCallRuntime;
    private volatile bool _started;

    public LocalReminderService(
        IReminderTable table,
        ISiloRing ring,
        Func<IGrainCallRuntime> callRuntime,
        TimeProvider time,
        ReminderOptions options,
        ILogger<LocalReminderService> logger,
        IMeterFactory? meterFactory = null)
    {
        _table = table;
        _ring = ring;
        _callRuntime = callRuntime;
        _options = options;
        Time = time;
        Logger = logger;
        DeliveryLog = table as IReminderDeliveryLog;
        Instruments = ReminderInstruments.Create(meterFactory, () => RunningCount);
    }

    public int Stage => SiloStages.Reminders;

    public string Namespace => "reminders";

    internal TimeProvider Time { get; }

    /// <summary>Finds the reminder service of an owner silo living in this process (null when remote).</summary>
    internal Func<SiloAddress, LocalReminderService?>? OwnerInProcess { get; init; }

    internal ILogger Logger { get; }

    internal IReminderDeliveryLog? DeliveryLog { get; }

    internal ReminderInstruments Instruments { get; }

    // Resolved on first tick: the call runtime may depend on services that depend on the reminder registry.
    internal IGrainCallRuntime CallRuntime => _resolvedCallRuntime ??= _callRuntime();

    internal int RunningCount
    {
        get
        {
            lock (_running)
            {
                return _running.Count;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _table.InitAsync(cancellationToken);
        _started = true;
        _ring.Changed += OnRingChanged;
        await ReloadAsync();
        if (_options.RefreshPeriod > TimeSpan.Zero)
        {
            using (ExecutionContext.SuppressFlow())
            {
                _refreshLoop = Task.Run(RefreshLoopAsync);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _started = false;
        _ring.Changed -= OnRingChanged;
        await _stopping.CancelAsync();
        Task[] loops;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            lock (_running)
            {
                loops = new Task[_running.Count + 1];
                var i = 0;
                foreach (var reminder in _running.Values)
                {
                    reminder.Stop();
                    loops[i++] = reminder.Completion;
                }
                loops[i] = _refreshLoop;
                _running.Clear();
            }
        }
        finally
        {
            _gate.Release();
        }
        // Let deliveries in progress finish, as long as the host allows.
        try
        {
            await Task.WhenAll(loops).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Re-reads the rows of this silo's ranges: starts newly owned or changed reminders, stops the ones no longer owned or removed.</summary>
    public async Task ReloadAsync()
    {
        if (!_started)
        {
            return;
        }
        await _gate.WaitAsync();
        try
        {
            var rows = new Dictionary<(GrainId, string), ReminderRow>();
            foreach (var range in _ring.LocalRanges)
            {
                foreach (var row in await ReadRangeAsync(range))
                {
                    rows[(row.Entry.GrainId, row.Entry.ReminderName)] = row;
                }
            }
            Reconcile(rows, static _ => true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes this silo pick up the current rows of one grain now (called on the owner after a registration elsewhere).</summary>
    internal async Task ReloadGrainAsync(GrainId grainId)
    {
        if (!_started)
        {
            return;
        }
        await _gate.WaitAsync();
        try
        {
            var rows = new Dictionary<(GrainId, string), ReminderRow>();
            if (_ring.IsLocal(grainId.GetUniformHashCode()))
            {
                foreach (var entry in await _table.ReadRowsAsync(grainId))
                {
                    rows[(grainId, entry.ReminderName)] = new ReminderRow(entry, null);
                }
            }
            Reconcile(rows, key => key.GrainId == grainId);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The service's state plus the table's own health when the table reports one.</summary>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var active = new HealthMetric("active_reminders", RunningCount);
        var status = _started ? HealthReport.Ok : HealthReport.Degraded;
        var message = _started ? "reminder service running" : "reminder service not started";
        if (_table is not IHealthReporter tableHealth)
        {
            return new HealthReport(Namespace, status, message, [active]);
        }
        var table = await tableHealth.CheckAsync(cancellationToken);
        if (table.Status != HealthReport.Ok)
        {
            status = table.Status;
        }
        return new HealthReport(Namespace, status, $"{message}; {table.Message}", [active, .. table.Metrics]);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _gate.Dispose();
        Instruments.Dispose();
    }

    private async Task<IReadOnlyList<ReminderRow>> ReadRangeAsync(RingRange range)
    {
        if (DeliveryLog is { } log)
        {
            return await log.ReadRowsWithDeliveriesAsync(range.Begin, range.End);
        }
        var entries = await _table.ReadRowsAsync(range.Begin, range.End);
        var rows = new List<ReminderRow>(entries.Count);
        foreach (var entry in entries)
        {
            rows.Add(new ReminderRow(entry, null));
        }
        return rows;
    }

    // Runs under _gate. Rows whose version is already running keep their loop (and its schedule position).
    private void Reconcile(Dictionary<(GrainId, string), ReminderRow> rows, Func<(GrainId GrainId, string Name), bool> inScope)
    {
        int started = 0, stopped = 0, count;
        lock (_running)
        {
            List<(GrainId, string)>? gone = null;
            foreach (var (key, reminder) in _running)
            {
                if (inScope(key) && (!rows.TryGetValue(key, out var row) || row.Entry.ETag != reminder.Entry.ETag))
                {
                    (gone ??= []).Add(key);
                }
            }
            if (gone is not null)
            {
                foreach (var key in gone)
                {
                    _running.Remove(key, out var reminder);
                    reminder!.Stop();
                    stopped++;
                }
            }
            foreach (var (key, row) in rows)
            {
                if (!_running.ContainsKey(key))
                {
                    StartLocked(row.Entry, row.LastTickTime);
                    started++;
                }
            }
            count = _running.Count;
        }
        if (started + stopped > 0)
        {
            ReminderLog.Reloaded(Logger, count, started, stopped);
        }
    }

    private void StartLocked(ReminderEntry entry, DateTime? lastTick)
    {
        var reminder = new LocalReminder(entry, lastTick, this);
        _running[(entry.GrainId, entry.ReminderName)] = reminder;
        reminder.Start();
    }

    private void OnRingChanged() => _ = ReloadLoggedAsync();

    private async Task ReloadLoggedAsync()
    {
        try
        {
            await ReloadAsync();
        }
        catch (Exception ex)
        {
            ReminderLog.ReloadFailed(Logger, ex);
        }
    }

    private async Task RefreshLoopAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(_options.RefreshPeriod, Time, stopping);
                await ReloadLoggedAsync();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
