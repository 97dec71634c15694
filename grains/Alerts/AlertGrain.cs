using BkMonitor.GrainInterfaces.Actions;
using AlertSnapshot = BkMonitor.GrainInterfaces.Alerts.AlertSnapshot;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Pipeline;
using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The alert builder for one dedupe key: cleans each <c>alert_event</c> event, runs the alert state machine on
/// the persisted alerts, writes the state (with the signals to announce) BEFORE announcing, updates the alert
/// index, then announces each signal once on <c>action_notice</c> keyed by the alert id.
/// </summary>
[ImplicitStreamSubscription(PipelineStreams.AlertEvent)]
internal sealed partial class AlertGrain : Grain, IAlertGrain, IAsyncObserver<TriggerEvent>
{
    private readonly IPersistentState<AlertGrainState> _state;
    private readonly AlarmServices _services;
    private readonly ILogger<AlertGrain> _logger;
    private IStreamProvider? _streams;
    private bool _holdsOpen;

    public AlertGrain(
        [PersistentState("alert")] IPersistentState<AlertGrainState> state,
        AlarmServices services,
        ILogger<AlertGrain> logger)
    {
        _state = state;
        _services = services;
        _logger = logger;
    }

    private string DedupeMd5 => AlertGrainKey.TryParse(this.GetPrimaryKeyString(), out _, out var md5) ? md5 : this.GetPrimaryKeyString();

    private long Now => TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _streams = GetStreamProvider(ProviderNames.DefaultStreams);
        await _streams.GetStream<TriggerEvent>(StreamId.Create(PipelineStreams.AlertEvent, this.GetPrimaryKeyString())).SubscribeAsync(this);
        // Signals written but maybe not announced before this key's last activation died: announce them now (the
        // action stage takes each (alert, signal) once, so one announced already is dropped there).
        if (_state.State.Pending.Count > 0) await AnnounceAsync(storeCleared: true);
        await ReindexAsync();
        await OnActivateCadenceAsync();
        CountOpen();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        SetHoldsOpen(false);
        return Task.CompletedTask;
    }

    public Task<AlertSnapshot?> GetAsync(string alertId) => Task.FromResult(_state.State.Find(alertId)?.ToSnapshot());

    public Task<AlertCommandResult> AckAsync(string alertId, string? message) =>
        CommandAsync(alertId, machine => machine.Ack(message, Now));

    public Task<AlertCommandResult> CloseAsync(string alertId, string? message) =>
        CommandAsync(alertId, machine => machine.Close(string.IsNullOrEmpty(message) ? "告警已被手动关闭" : message, Now));

    public async Task OnNextAsync(TriggerEvent item, StreamSequenceToken? token = null)
    {
        AlertEvent cleaned;
        try
        {
            cleaned = EventCleaner.Clean(TriggerEventMapping.ToRaw(item));
        }
        catch (ArgumentException e)
        {
            AlertLog.EventRejected(_logger, e, DedupeMd5, item.EventId);
            return;
        }
        if (cleaned.DedupeMd5 != DedupeMd5)
        {
            AlertLog.WrongKey(_logger, DedupeMd5, cleaned.DedupeMd5, item.EventId);
            return;
        }
        await ApplyAsync(machine => machine.Apply(cleaned, Now));
    }

    private async Task<AlertCommandResult> CommandAsync(string alertId, Func<AlertStateMachine, AlertTransition> command)
    {
        var alert = _state.State.Find(alertId);
        if (alert is null) return AlertCommandResult.NotFound(alertId);
        if (!ReferenceEquals(alert, _state.State.Current) || !alert.IsAbnormal)
        {
            return new AlertCommandResult(AlertCommandOutcome.Conflict, $"Alert {alertId} has already ended ({EventCleaner.StatusName(alert.Status)}).", alert.ToSnapshot());
        }
        var transition = await ApplyAsync(command);
        return transition.Kind == AlertTransitionKind.Rejected
            ? new AlertCommandResult(AlertCommandOutcome.Conflict, $"Alert {alertId}: {transition.Reason}.", alert.ToSnapshot())
            : new AlertCommandResult(AlertCommandOutcome.Done, "", alert.ToSnapshot());
    }

    /// <summary>Runs one state machine command; persists, indexes and announces what it changed.</summary>
    private async Task<AlertTransition> ApplyAsync(Func<AlertStateMachine, AlertTransition> command)
    {
        var state = _state.State;
        AlertTransition transition;
        AlertRecord? current;
        using (var id = await _services.IdBlocks.ReserveAsync(GrainFactory))
        {
            var machine = new AlertStateMachine(id, _services.Qos, state.Current);
            transition = command(machine);
            current = machine.Current;
        }
        if (transition.Changed.Count == 0) return transition;
        state.Keep(transition, current);
        if (transition.Kind is AlertTransitionKind.Created or AlertTransitionKind.Replaced && current is not null) await OnAlertOpenedAsync(current);
        var now = Now;
        foreach (var signal in transition.Signals)
        {
            state.Pending.Add(new PendingSignal(signal.AlertId, signal.Signal, now));
        }
        await _state.WriteStateAsync();
        _services.AlertMetrics.Transitioned(transition);
        CountOpen();
        await IndexAsync(transition.Changed);
        if (state.Pending.Count > 0) await AnnounceAsync(storeCleared: false);
        return transition;
    }

    // Keeps this silo's open-alerts gauge in step with the current alert of this activation.
    private void CountOpen() => SetHoldsOpen(_state.State.Current is { IsAbnormal: true });

    private void SetHoldsOpen(bool open)
    {
        if (open == _holdsOpen) return;
        _holdsOpen = open;
        _services.AlertMetrics.HoldsOpen(open);
    }

    /// <summary>
    /// Announces the pending signals. Their clearing is stored with the next transition, not in a write of its own
    /// (<paramref name="storeCleared"/> false: the hot path): until then a new activation announces them again, which
    /// the action stage drops as already handled.
    /// </summary>
    private async Task AnnounceAsync(bool storeCleared)
    {
        var state = _state.State;
        foreach (var pending in state.Pending)
        {
            // An alert gone from the kept history (beyond its capacity) has nothing left to announce.
            if (state.Find(pending.AlertId) is not { } alert) continue;
            var notice = new ActionNotice { AlertId = pending.AlertId, Signal = pending.Signal, Alert = alert.ToSnapshot(), Time = pending.Time };
            await _streams!.GetStream<ActionNotice>(StreamId.Create(ActionStreams.ActionNotice, notice.AlertId)).OnNextAsync(notice);
        }
        state.Pending.Clear();
        if (storeCleared) await _state.WriteStateAsync();
    }
}
