using System.Text.Json;
using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Access;
using BkMonitor.Grains.Detect;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Strategies;

/// <summary>
/// One strategy: validates and stores its config, and on every save or delete applies the schedule at once —
/// the access reminder (every <c>interval</c>), the nodata reminder (every minute while an item has nodata enabled),
/// the result-table routes for pushed data and the catalog entry. Access for both paths runs here
/// (<c>StrategyGrain.Access.cs</c>); its output goes on <c>data_access</c>, and feeds the nodata check
/// (<c>StrategyGrain.NoData.cs</c>).
/// </summary>
internal sealed partial class StrategyGrain : Grain, IStrategyGrain, IRemindable
{
    public const string AccessReminder = "access";

    private static readonly StrategyValidator Validator = new(DetectAlgorithmConfigValidator.Default);

    private readonly IPersistentState<StrategyGrainState> _state;
    private readonly IPersistentState<StrategyAccessState> _access;
    private readonly PipelineServices _services;
    private readonly ILogger<StrategyGrain> _logger;
    private Strategy? _strategy;
    private Strategy? _deleted; // DeletedStrategyJson, read once
    private List<ItemAccessor> _accessors = [];

    public StrategyGrain(
        [PersistentState("strategy")] IPersistentState<StrategyGrainState> state,
        [PersistentState("access")] IPersistentState<StrategyAccessState> access,
        [PersistentState("nodata")] IPersistentState<StrategyNoDataState> noData,
        PipelineServices services,
        ILogger<StrategyGrain> logger)
    {
        _state = state;
        _access = access;
        _noDataStore = noData;
        _services = services;
        _logger = logger;
    }

    private long Id => this.GetPrimaryKeyLong();

    private long Now => TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.State.StrategyJson is { } json)
        {
            _strategy = StrategyJson.Deserialize<Strategy>(json);
            Compile();
        }
        if (_state.State.SchedulePending) await ApplyScheduleAsync();
    }

    public async Task<StrategySaveResult> SaveAsync(JsonElement body, StrategySaveMode mode)
    {
        var existing = _strategy;
        if (mode == StrategySaveMode.Create && existing is not null)
        {
            return StrategySaveResult.Failed(StrategySaveStatus.Conflict, $"Strategy {Id} already exists; use PUT to replace it.");
        }
        if (mode == StrategySaveMode.Replace && existing is null)
        {
            return StrategySaveResult.Failed(StrategySaveStatus.NotFound, $"Strategy {Id} does not exist.");
        }
        var validated = Validator.Validate(body);
        if (!validated.IsValid)
        {
            return StrategySaveResult.Invalid(validated.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
        var (strategy, errors) = StrategyPreparation.Prepare(validated.Strategy!, Id, existing, Now);
        if (strategy is null) return StrategySaveResult.Invalid(errors);
        if (!_services.HasPrometheus && ReadsPrometheus(strategy) is { } index)
        {
            return StrategySaveResult.Invalid(new Dictionary<string, string[]>
            {
                [$"items[{index}].query_configs[0].data_source_label"] = ["prometheus is not available: this silo has no Prometheus URL configured"],
            });
        }

        var state = _state.State;
        state.StrategyJson = StrategyJson.Serialize(strategy);
        state.DeletedStrategyJson = null;
        _deleted = null;
        state.Version++;
        state.SchedulePending = true;
        // Pushes write the access state lazily: take the accessors' newest state before deciding what to keep.
        foreach (var accessor in _accessors) _access.State.Items[accessor.ItemId] = accessor.State();
        _access.State.Items = KeepAccessStates(existing, strategy);
        _noDataStore.State.Items = KeepNoDataStates(existing, strategy);
        _strategy = strategy;
        Compile();
        await _access.WriteStateAsync();
        await _noDataStore.WriteStateAsync();
        await _state.WriteStateAsync();
        await ApplyScheduleAsync();
        return StrategySaveResult.Saved(strategy, created: existing is null);
    }

    public Task<Strategy?> GetAsync() => Task.FromResult(_strategy);

    public Task<Strategy?> GetForAlertsAsync()
    {
        if (_strategy is not null || _state.State.DeletedStrategyJson is not { } json) return Task.FromResult(_strategy);
        return Task.FromResult<Strategy?>(_deleted ??= StrategyJson.Deserialize<Strategy>(json));
    }

    public Task<StrategySnapshot?> GetSnapshotAsync() =>
        Task.FromResult(_strategy is null ? null : new StrategySnapshot(_strategy, _state.State.Version));

    public async Task<bool> DeleteAsync()
    {
        if (_strategy is null) return false;
        _strategy = null;
        _accessors = [];
        _noDataItems = [];
        var state = _state.State;
        state.DeletedStrategyJson = state.StrategyJson;
        state.StrategyJson = null;
        state.Version++;
        state.SchedulePending = true;
        await _state.WriteStateAsync();
        await ApplyScheduleAsync();
        // The config record stays (without a strategy): its version keeps counting if the id is used again,
        // so detect and trigger never mistake a new strategy for the old one they compiled.
        await _access.ClearStateAsync();
        await _noDataStore.ClearStateAsync();
        DeactivateOnIdle();
        return true;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName switch
    {
        AccessReminder => RunAccessAsync(),
        NoDataReminder => RunNoDataCheckAsync(),
        _ => Task.CompletedTask,
    };

    /// <summary>Reminder, routes and catalog entry as the stored config says; retried on activation when it fails.</summary>
    private async Task ApplyScheduleAsync()
    {
        try
        {
            await ApplyReminderAsync();
            await ApplyNoDataReminderAsync();
            await ApplyRoutesAsync();
            var catalog = GrainFactory.GetGrain<IStrategyCatalogGrain>(IStrategyCatalogGrain.GlobalKey);
            if (_strategy is { } strategy)
            {
                await catalog.UpsertAsync(new StrategySummary { Id = Id, BkBizId = strategy.BkBizId, Name = strategy.Name, UpdateTime = strategy.UpdateTime });
            }
            else
            {
                await catalog.RemoveAsync(Id);
            }
            _state.State.SchedulePending = false;
            await _state.WriteStateAsync();
        }
        catch (Exception e) when (e is not InconsistentStateException)
        {
            PipelineLog.ScheduleFailed(_logger, e, Id);
            throw;
        }
    }

    private async Task ApplyReminderAsync()
    {
        var readable = _strategy is { IsEnabled: true } && _accessors.Count > 0;
        if (readable)
        {
            var interval = TimeSpan.FromSeconds(StrategyDerivations.Interval(_strategy!));
            await RegisterOrUpdateReminder(AccessReminder, interval, interval);
        }
        else if (await GetReminder(AccessReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    private async Task ApplyRoutesAsync()
    {
        var wanted = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (_strategy is { IsEnabled: true })
        {
            foreach (var accessor in _accessors)
            {
                foreach (var (table, metric) in accessor.Plan.Inputs)
                {
                    if (!wanted.TryGetValue(table, out var metrics)) wanted[table] = metrics = [];
                    if (!metrics.Contains(metric)) metrics.Add(metric);
                }
            }
        }
        var current = _state.State.Routes;
        foreach (var (table, metrics) in wanted)
        {
            if (current.TryGetValue(table, out var old) && old.SequenceEqual(metrics)) continue;
            await GrainFactory.GetGrain<IResultTableRouteGrain>(table).SetReaderAsync(Id, metrics);
        }
        foreach (var table in current.Keys)
        {
            if (!wanted.ContainsKey(table)) await GrainFactory.GetGrain<IResultTableRouteGrain>(table).SetReaderAsync(Id, []);
        }
        _state.State.Routes = wanted;
    }

    /// <summary>Accessors of the current config; items the pipeline cannot read are logged and left out.</summary>
    private void Compile()
    {
        _accessors = [];
        if (_strategy is null) return;
        foreach (var item in _strategy.Items)
        {
            _access.State.Items.TryGetValue(item.Id, out var itemState);
            var accessor = new ItemAccessor(item, itemState);
            if (accessor.Plan.Kind == ItemSourceKind.Unsupported)
            {
                PipelineLog.ItemNotEvaluated(_logger, Id, accessor.Plan.UnsupportedReason);
                continue;
            }
            _accessors.Add(accessor);
        }
        CompileNoData();
    }

    private static int? ReadsPrometheus(Strategy strategy)
    {
        for (var i = 0; i < strategy.Items.Count; i++)
        {
            if (ItemQueryPlan.Create(strategy.Items[i]).Kind == ItemSourceKind.Prometheus) return i;
        }
        return null;
    }

    /// <summary>An item keeps its checkpoint only while it reads the same query (bk-monitor keys it by query_md5).</summary>
    private Dictionary<long, ItemAccessState> KeepAccessStates(Strategy? existing, Strategy updated)
    {
        var kept = new Dictionary<long, ItemAccessState>();
        foreach (var itemId in SameQueryItems(existing, updated))
        {
            if (_access.State.Items.TryGetValue(itemId, out var state)) kept[itemId] = state;
        }
        return kept;
    }

    /// <summary>Ids of the updated strategy's items that read the same query as before.</summary>
    private static List<long> SameQueryItems(Strategy? existing, Strategy updated)
    {
        var same = new List<long>();
        if (existing is null) return same;
        foreach (var item in updated.Items)
        {
            var before = existing.Items.FirstOrDefault(i => i.Id == item.Id);
            if (before is not null && StrategyDerivations.QueryMd5(existing.BkBizId, before) == StrategyDerivations.QueryMd5(updated.BkBizId, item))
            {
                same.Add(item.Id);
            }
        }
        return same;
    }
}
