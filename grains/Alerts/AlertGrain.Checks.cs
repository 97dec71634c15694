using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Strategies;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The checks of the alert manager (ALARM-SPEC §6) for this dedupe key: the close and recovery checks
/// (<see cref="AlertChecks"/>) and the shield flag, run by the strategy's <see cref="IAlertManagerGrain"/> every
/// minute, or every 15/30 s for strategies with shorter periods. A new alert is watched (its
/// <see cref="IAlertWatchListGrain"/>) before it is written, so a silo lost right after still has it checked.
/// </summary>
internal sealed partial class AlertGrain : IRemindable
{
    // The reminder of each alert before the per-strategy managers; one still registered is moved over once it fires.
    private const string LegacyChecksReminder = "alert-checks";

    // Heals a watch lost with its manager's state: an open alert is always checked.
    private async Task OnActivateCadenceAsync()
    {
        if (_state.State.Current is { IsAbnormal: true } alert) await WatchAsync(await StrategyOfAsync(alert));
    }

    /// <summary>A new alert keeps the facts of its strategy (to detect later changes) and is watched by its manager.</summary>
    private async Task OnAlertOpenedAsync(AlertRecord alert)
    {
        var strategy = await StrategyOfAsync(alert);
        alert.OriginStrategy ??= AlertStrategyFactsBuilder.From(strategy);
        await WatchAsync(strategy);
    }

    private Task WatchAsync(Strategy? strategy)
    {
        var key = this.GetPrimaryKeyString();
        var period = AlertCheckCadence.IntervalSeconds(strategy is null ? null : StrategyDerivations.Interval(strategy));
        return GrainFactory.GetGrain<IAlertWatchListGrain>(AlertWatchKey.WatchListOf(key)).WatchAsync(key, period);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != LegacyChecksReminder) return;
        if (_state.State.Current is { IsAbnormal: true } alert) await WatchAsync(await StrategyOfAsync(alert));
        if (await GetReminder(LegacyChecksReminder) is { } reminder) await UnregisterReminder(reminder);
    }

    public async Task<bool> CheckAsync()
    {
        if (_state.State.Current is not { IsAbnormal: true } alert) return false;
        try
        {
            var strategy = await StrategyOfAsync(alert);
            var facts = AlertStrategyFactsBuilder.From(strategy);
            var detect = await DetectResultsOfAsync(alert);
            var now = Now;
            if (facts is not null && detect.IsEmpty && !alert.IsNoData && now - alert.LatestTime < AlertCloseCheck.TimeSeriesMinNoDataSeconds)
            {
                // The detect activation has no results for this series yet (new activation after a silo loss, or
                // data not seen since): checking now would end a live alert. The data refills the log; the close
                // check takes over once the series has been silent for the no-data tolerance.
                return true;
            }
            await ApplyAsync(machine => AlertChecks.Run(machine, facts, detect, now));
            if (_state.State.Current is { IsAbnormal: true } open) await RefreshShieldFlagAsync(open, now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next round retries; a failing check never takes the alert's activation down.
            AlertLog.CheckFailed(_logger, e, DedupeMd5);
            return true;
        }
        return _state.State.Current is { IsAbnormal: true };
    }

    // The manager's shield check: is_shielded follows the shields in force (the action stage holds the notices),
    // matched on this silo's copy of them (at most a few seconds behind the registry).
    private async Task RefreshShieldFlagAsync(AlertRecord alert, long now)
    {
        var match = await _services.Shields.MatchAsync(GrainFactory, alert.ToSnapshot(), now, _services.Options.TimeZone);
        if (match.IsShielded == alert.IsShielded) return;
        await ApplyAsync(_ =>
        {
            alert.IsShielded = match.IsShielded;
            alert.UpdateTime = now;
            return new AlertTransition(AlertTransitionKind.Updated, [alert], []);
        });
    }

    private async Task<Strategy?> StrategyOfAsync(AlertRecord alert) =>
        alert.StrategyId is { } id and not 0 ? await GrainFactory.GetGrain<IStrategyGrain>(id).GetAsync() : null;

    private async Task<SeriesDetectResults> DetectResultsOfAsync(AlertRecord alert)
    {
        if (alert.StrategyId is null or 0 || !AnomalyIdParts.TryParse(alert.TopEvent.EventId, out var parts)) return SeriesDetectResults.None;
        var detect = GrainFactory.GetGrain<IDetectGrain>(parts.StrategyId);
        var slice = await detect.GetCheckResultsAsync(parts.ItemId, parts.DimensionsMd5, parts.Level, long.MinValue, long.MaxValue);
        var noDataOngoing = alert.IsNoData && await IsNoDataOngoingAsync(parts);
        return new SeriesDetectResults(slice, noDataOngoing);
    }

    // The nodata checker on the strategy grain knows whether these dimensions are still missing.
    private Task<bool> IsNoDataOngoingAsync(AnomalyIdParts parts) =>
        GrainFactory.GetGrain<IStrategyGrain>(parts.StrategyId).IsNoDataOngoingAsync(parts.ItemId, parts.DimensionsMd5);
}
