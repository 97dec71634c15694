using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The alert manager of one strategy: one reminder for all its open alerts instead of one per alert. Each round has
/// every watch list shard in its set check its alerts (a bounded number of shards at a time) and forgets the shards
/// left empty; the reminder goes with the last one. The reminder is registered before the shard set is stored, and
/// both before a watch is acknowledged.
/// </summary>
[GrainType(GrainTypeName)]
internal sealed class AlertManagerGrain : Grain, IAlertManagerGrain, IRemindable
{
    public const string GrainTypeName = "alert-manager";
    private const string ChecksReminder = "alert-checks";
    private const int ShardsInFlight = 8;

    private readonly IPersistentState<AlertManagerGrainState> _state;
    private readonly ILogger<AlertManagerGrain> _logger;
    private readonly GroupCommit _commit;
    private readonly SemaphoreSlim _reminderLock = new(1, 1);
    private WatchRounds<int> _rounds = null!;
    private int _periodSeconds; // of the reminder this activation registered; 0: not registered by it

    public AlertManagerGrain([PersistentState("alert-manager")] IPersistentState<AlertManagerGrainState> state, ILogger<AlertManagerGrain> logger)
    {
        _state = state;
        _logger = logger;
        _commit = new GroupCommit(() => _state.WriteStateAsync());
    }

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _rounds = new WatchRounds<int>(_state.State.Shards, ShardsInFlight);
        return Task.CompletedTask;
    }

    public async Task WatchShardAsync(int shard, int periodSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, AlertWatchKey.ShardCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodSeconds);
        var added = _rounds.Watch(shard);
        await EnsureReminderAsync(periodSeconds);
        await (added ? _commit.CommitAsync() : _commit.StoredAsync());
    }

    public Task<IReadOnlyList<int>> ListShardsAsync() => Task.FromResult(_rounds.List());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ChecksReminder) return;
        var strategyId = long.Parse(Key, System.Globalization.CultureInfo.InvariantCulture);
        var shards = _rounds.Count;
        var forgotten = await _rounds.RunAsync(
            async shard => await GrainFactory.GetGrain<IAlertWatchListGrain>(AlertWatchKey.WatchList(strategyId, shard)).CheckAsync() == 0,
            (shard, e) => AlertLog.ManagerCheckFailed(_logger, e, Key, shard));
        AlertLog.ManagerRound(_logger, Key, shards, forgotten);
        if (forgotten > 0) await _commit.CommitAsync();
        if (_rounds.Count == 0) await StopIfEmptyAsync();
    }

    private async Task EnsureReminderAsync(int periodSeconds)
    {
        if (_periodSeconds == periodSeconds) return;
        await _reminderLock.WaitAsync();
        try
        {
            if (_periodSeconds == periodSeconds) return;
            var period = TimeSpan.FromSeconds(periodSeconds);
            await RegisterOrUpdateReminder(ChecksReminder, period, period);
            _periodSeconds = periodSeconds;
        }
        finally
        {
            _reminderLock.Release();
        }
    }

    // The reminder goes with the last shard; a watch arriving meanwhile registers it again (same lock).
    private async Task StopIfEmptyAsync()
    {
        await _reminderLock.WaitAsync();
        try
        {
            if (_rounds.Count > 0) return;
            if (await GetReminder(ChecksReminder) is { } reminder) await UnregisterReminder(reminder);
            _periodSeconds = 0;
        }
        finally
        {
            _reminderLock.Release();
        }
        if (_rounds.Count == 0) DeactivateOnIdle();
    }
}
