using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Shields;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Strategies;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The alert manager for this dedupe key: while an alert is open, a reminder runs the close and recovery
/// checks (<see cref="AlertChecks"/>) every minute, or every 15/30 s for strategies with shorter periods.
/// The reminder is registered before the new alert is written, so a silo lost right after still checks it,
/// and it is removed once no alert is open.
/// </summary>
internal sealed partial class AlertGrain : IRemindable
{
    private const string ChecksReminder = "alert-checks";

    private async Task OnActivateCadenceAsync()
    {
        // Heals a reminder lost with an older runtime or removed by hand: an open alert is always checked.
        if (_state.State.Current is not { IsAbnormal: true } alert) return;
        if (await GetReminder(ChecksReminder) is not null) return;
        await StartChecksAsync(await StrategyOfAsync(alert));
    }

    /// <summary>A new alert keeps the facts of its strategy (to detect later changes) and gets its check reminder.</summary>
    private async Task OnAlertOpenedAsync(AlertRecord alert)
    {
        var strategy = await StrategyOfAsync(alert);
        alert.OriginStrategy ??= AlertStrategyFactsBuilder.From(strategy);
        await StartChecksAsync(strategy);
    }

    private Task StartChecksAsync(Strategy? strategy)
    {
        var period = TimeSpan.FromSeconds(AlertCheckCadence.IntervalSeconds(strategy is null ? null : StrategyDerivations.Interval(strategy)));
        return RegisterOrUpdateReminder(ChecksReminder, period, period);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ChecksReminder) return;
        if (_state.State.Current is not { IsAbnormal: true } alert)
        {
            await StopChecksAsync();
            return;
        }
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
                return;
            }
            await ApplyAsync(machine => AlertChecks.Run(machine, facts, detect, now));
            if (_state.State.Current is { IsAbnormal: true } open) await RefreshShieldFlagAsync(open, now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next tick retries; a failing check never takes the alert's activation down.
            AlertLog.CheckFailed(_logger, e, DedupeMd5);
            return;
        }
        if (_state.State.Current is not { IsAbnormal: true }) await StopChecksAsync();
    }

    // The manager's shield check: is_shielded follows the shields in force (the action stage holds the notices).
    private async Task RefreshShieldFlagAsync(AlertRecord alert, long now)
    {
        var match = await GrainFactory.GetGrain<IShieldRegistryGrain>(IShieldRegistryGrain.GlobalKey).MatchAsync(alert.ToSnapshot(), now);
        if (match.IsShielded == alert.IsShielded) return;
        await ApplyAsync(_ =>
        {
            alert.IsShielded = match.IsShielded;
            alert.UpdateTime = now;
            return new AlertTransition(AlertTransitionKind.Updated, [alert], []);
        });
    }

    private async Task StopChecksAsync()
    {
        if (await GetReminder(ChecksReminder) is { } reminder) await UnregisterReminder(reminder);
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
