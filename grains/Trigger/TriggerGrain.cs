using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Pipeline;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Trigger;

/// <summary>
/// Trigger for one strategy: consumes its <c>anomaly_detect</c> stream, applies the M-of-N windows (persisted
/// after every batch) and publishes each event on <c>alert_event</c> keyed by the alert dedupe md5. Events are
/// published before the state is written, so a crash in between repeats the batch (at least once) and the
/// windows, not having recorded it, decide again the same way.
/// </summary>
[ImplicitStreamSubscription(PipelineStreams.AnomalyDetect)]
internal sealed class TriggerGrain : Grain, ITriggerGrain, IAsyncObserver<AnomalyBatch>
{
    private readonly IPersistentState<TriggerGrainState> _state;
    private readonly PipelineServices _services;
    private readonly ILogger<TriggerGrain> _logger;
    private StrategyTrigger? _trigger;
    private IStreamProvider? _streams;
    private TriggerCounts _counts;

    public TriggerGrain(
        [PersistentState("trigger")] IPersistentState<TriggerGrainState> state,
        PipelineServices services,
        ILogger<TriggerGrain> logger)
    {
        _state = state;
        _services = services;
        _logger = logger;
    }

    private long Id => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _streams = GetStreamProvider(ProviderNames.DefaultStreams);
        await _streams.GetStream<AnomalyBatch>(StreamId.Create(PipelineStreams.AnomalyDetect, Id)).SubscribeAsync(this);
    }

    public Task<TriggerStats> GetStatsAsync() =>
        Task.FromResult(new TriggerStats(_counts.Anomalies, _counts.Events, _counts.Redelivered, _counts.RateLimited));

    public async Task OnNextAsync(AnomalyBatch item, StreamSequenceToken? token = null)
    {
        var state = _state.State;
        if (token is not null && state.LastSequence == token.SequenceNumber && state.LastIndex == token.EventIndex)
        {
            _counts.Redelivered += item.Anomalies.Count;
            return;
        }
        var trigger = await TriggerForAsync(item.Version);
        if (trigger is null) return;
        List<TriggeredEvent> events;
        try
        {
            events = trigger.Observe(item.Anomalies, TimeProvider.GetUtcNow().ToUnixTimeSeconds(), ref _counts);
        }
        catch (Exception e)
        {
            PipelineLog.BatchFailed(_logger, e, Id, "trigger", item.Version);
            return;
        }
        foreach (var (monitorEvent, dedupeMd5) in events)
        {
            await _streams!.GetStream<TriggerEvent>(StreamId.Create(PipelineStreams.AlertEvent, AlertGrainKey.Of(monitorEvent.StrategyId, dedupeMd5))).OnNextAsync(monitorEvent);
        }
        _services.Counters.OnTrigger(item.Anomalies.Count, events.Count);
        if (token is not null)
        {
            state.LastSequence = token.SequenceNumber;
            state.LastIndex = token.EventIndex;
        }
        await _state.WriteStateAsync();
    }

    private async Task<StrategyTrigger?> TriggerForAsync(long version)
    {
        if (_trigger is not null && _trigger.Version >= version) return _trigger;
        var snapshot = await GrainFactory.GetGrain<IStrategyGrain>(Id).GetSnapshotAsync();
        if (snapshot is null)
        {
            PipelineLog.StrategyGone(_logger, Id, "trigger");
            return null;
        }
        var items = _state.State.Items;
        foreach (var itemId in items.Keys.ToList())
        {
            if (!snapshot.Strategy.Items.Any(i => i.Id == itemId)) items.Remove(itemId);
        }
        _trigger = new StrategyTrigger(snapshot.Strategy, snapshot.Version, items, _services.Options.TimeZone);
        return _trigger;
    }
}
