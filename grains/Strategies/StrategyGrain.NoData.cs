using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Pipeline;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Nodata;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Strategies;

/// <summary>
/// The nodata check (ALARM-SPEC §5): access feeds each nodata-enabled item's inbox with the records it hands on
/// (push and pull alike), and the <c>nodata</c> reminder, registered only while an item has nodata enabled,
/// checks once a minute. Anomalies go on <c>anomaly_detect</c> like detect's, so the trigger applies the nodata
/// trigger config and raises the <c>"[无数据] "</c> events.
/// </summary>
internal sealed partial class StrategyGrain
{
    public const string NoDataReminder = "nodata";

    private readonly IPersistentState<StrategyNoDataState> _noDataStore;
    private List<NoDataItem> _noDataItems = [];
    private IAsyncStream<AnomalyBatch>? _anomalyDetect;

    public Task<bool> IsNoDataOngoingAsync(long itemId, string dimensionsMd5) =>
        Task.FromResult(_noDataStore.State.Items.TryGetValue(itemId, out var state) && state.IsNoDataOngoing(dimensionsMd5));

    /// <summary>Runs the nodata checks due now (what the reminder does once a minute).</summary>
    private async Task RunNoDataCheckAsync()
    {
        if (_strategy is not { IsEnabled: true } || _noDataItems.Count == 0) return;
        var now = Now;
        var records = new List<AnomalyRecord>();
        var changed = false;
        foreach (var item in _noDataItems)
        {
            var state = NoDataStateOf(item);
            if (item.Inbox.TakeDropped() is > 0 and var dropped) NoDataLog.InboxFull(_logger, Id, item.ItemId, dropped, item.Inbox.Capacity);
            var checkedBefore = state.LastCheckTime;
            foreach (var anomaly in item.CheckDue(state, now)) records.Add(NoDataAnomalyRecords.From(Id, item.ItemId, anomaly));
            changed |= state.LastCheckTime != checkedBefore;
        }
        if (records.Count > 0)
        {
            _anomalyDetect ??= GetStreamProvider(ProviderNames.DefaultStreams)
                .GetStream<AnomalyBatch>(StreamId.Create(PipelineStreams.AnomalyDetect, Id));
            await _anomalyDetect.OnNextAsync(new AnomalyBatch { StrategyId = Id, Version = _state.State.Version, Anomalies = records });
        }
        if (changed) await _noDataStore.WriteStateAsync();
    }

    private void FeedNoData(List<ItemRecords> items)
    {
        if (_noDataItems.Count == 0) return;
        foreach (var records in items)
        {
            foreach (var item in _noDataItems)
            {
                if (item.ItemId == records.ItemId) item.Feed(records);
            }
        }
    }

    /// <summary>
    /// The nodata items of the compiled config, for readable items of an enabled strategy only. An item whose state was kept keeps its
    /// inbox; a new inbox starts blind (see <see cref="NoDataItem.StartBlind"/>).
    /// </summary>
    private void CompileNoData()
    {
        var previous = _noDataItems.ToDictionary(i => i.ItemId);
        _noDataItems = [];
        // A disabled strategy feeds no inbox: when it is enabled again, its inboxes start afresh, blind.
        if (_strategy is not { IsEnabled: true }) return;
        var now = Now;
        foreach (var accessor in _accessors)
        {
            var config = _strategy.Items.First(i => i.Id == accessor.ItemId);
            var kept = _noDataStore.State.Items.ContainsKey(accessor.ItemId) && previous.TryGetValue(accessor.ItemId, out var old) ? old.Inbox : null;
            if (NoDataItem.For(Id, config, kept) is not { } item) continue;
            if (kept is null) item.StartBlind(NoDataStateOf(item), now);
            _noDataItems.Add(item);
        }
    }

    private NoDataState NoDataStateOf(NoDataItem item)
    {
        var items = _noDataStore.State.Items;
        if (!items.TryGetValue(item.ItemId, out var state)) items[item.ItemId] = state = new NoDataState();
        return state;
    }

    /// <summary>An item keeps its nodata state while nodata stays enabled and it reads the same query.</summary>
    private Dictionary<long, NoDataState> KeepNoDataStates(Strategy? existing, Strategy updated)
    {
        var kept = new Dictionary<long, NoDataState>();
        foreach (var itemId in SameQueryItems(existing, updated))
        {
            var enabled = updated.Items.First(i => i.Id == itemId).NoDataConfig.IsEnabled;
            if (enabled && _noDataStore.State.Items.TryGetValue(itemId, out var state)) kept[itemId] = state;
        }
        return kept;
    }

    private async Task ApplyNoDataReminderAsync()
    {
        if (_strategy is { IsEnabled: true } && _noDataItems.Count > 0)
        {
            var tick = TimeSpan.FromSeconds(NoDataSchedule.TickSeconds);
            await RegisterOrUpdateReminder(NoDataReminder, tick, tick);
        }
        else if (await GetReminder(NoDataReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }
}
