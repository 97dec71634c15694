using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// One shard of a strategy's open alerts. A watch is acknowledged only once its manager has the shard in its rounds
/// and the set holding the key is stored (group commit), so an alert written after its watch is always checked, even
/// when a silo dies right after. A round (called by the manager) checks each alert and forgets the ended ones.
/// </summary>
[GrainType(GrainTypeName)]
internal sealed class AlertWatchListGrain : Grain, IAlertWatchListGrain
{
    public const string GrainTypeName = "alert-watch";
    private const int ChecksInFlight = 32;

    private readonly IPersistentState<AlertWatchListGrainState> _state;
    private readonly ILogger<AlertWatchListGrain> _logger;
    private readonly GroupCommit _commit;
    private WatchRounds<string> _rounds = null!;

    public AlertWatchListGrain([PersistentState("alert-watch")] IPersistentState<AlertWatchListGrainState> state, ILogger<AlertWatchListGrain> logger)
    {
        _state = state;
        _logger = logger;
        _commit = new GroupCommit(() => _state.WriteStateAsync());
    }

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _rounds = new WatchRounds<string>(_state.State.AlertKeys, ChecksInFlight);
        return Task.CompletedTask;
    }

    public async Task WatchAsync(string alertKey, int periodSeconds)
    {
        if (AlertWatchKey.WatchListOf(alertKey) != Key) throw new ArgumentException($"alert grain {alertKey} is not watched by {Key}", nameof(alertKey));
        var added = _rounds.Watch(alertKey);
        await GrainFactory.GetGrain<IAlertManagerGrain>(AlertWatchKey.ManagerOf(alertKey)).WatchShardAsync(AlertWatchKey.ShardOf(alertKey), periodSeconds);
        await (added ? _commit.CommitAsync() : _commit.StoredAsync());
    }

    public async Task<int> CheckAsync()
    {
        var forgotten = await _rounds.RunAsync(
            async key => !await GrainFactory.GetGrain<IAlertGrain>(key).CheckAsync(),
            (key, e) => AlertLog.WatchCheckFailed(_logger, e, Key, key));
        if (forgotten > 0) await _commit.CommitAsync();
        if (_rounds.Count == 0) DeactivateOnIdle();
        return _rounds.Count;
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult(_rounds.List());
}
