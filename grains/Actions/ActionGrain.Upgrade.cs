using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Alerts;
using ApiAlert = BkMonitor.GrainInterfaces.Alerts.AlertSnapshot;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Notice upgrade (the alert manager's Upgrade check, ALARM-SPEC §6): while the alert stays abnormal and unacknowledged,
/// a poll every minute applies the alert manager's <see cref="AlertUpgradeCheck"/> to the notice relation's <c>upgrade_config</c> and, once
/// <c>upgrade_interval</c> minutes have passed, notifies the next upgrade user group. An upgrade round is numbered
/// <see cref="UpgradeRoundBase"/> + the group's position, so its idempotency keys never meet a repeat round's.
/// </summary>
internal sealed partial class ActionGrain
{
    internal const int UpgradeRoundBase = 10_000;
    private const string UpgradeReminder = "upgrade-notice";
    private static readonly TimeSpan UpgradePollPeriod = TimeSpan.FromMinutes(1);

    private async Task StartUpgradeAsync(ActionRelation relation, string signal)
    {
        var state = _state.State;
        if (state.Upgrade is not null || relation.Options.UpgradeConfig is not { IsEnabled: true, UserGroups.Count: > 0 }) return;
        state.Upgrade = new UpgradeProgress { Signal = signal };
        await RegisterOrUpdateReminder(UpgradeReminder, UpgradePollPeriod, UpgradePollPeriod);
    }

    private async Task PollUpgradeAsync()
    {
        var state = _state.State;
        var subject = state.Upgrade is null ? null : await NoticeSubjectAsync();
        if (subject is not { } s || state.Upgrade is not { } progress)
        {
            await StopUpgradeAsync();
            return;
        }
        var relation = StrategyRelationMapping.ToRelation(s.Strategy.Notice!);
        var now = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var upgrade = relation.Options.UpgradeConfig;
        var config = upgrade is null ? null : new Alerts.UpgradeConfig(upgrade.IsEnabled, [.. upgrade.UserGroups.Select(g => (long)g)], upgrade.UpgradeInterval);
        var last = progress.LastTime is { } lastTime ? new UpgradeNoticeState(lastTime, progress.LastGroupIndex) : null;
        var step = AlertUpgradeCheck.Evaluate(config, last, s.Alert.Duration, now);
        if (!step.IsDue)
        {
            // After the last group there is nothing more to escalate.
            if (progress.LastGroupIndex + 1 >= upgrade?.UserGroups.Count) await StopUpgradeAsync();
            return;
        }
        var alert = NoticeAlertMapping.ToNotice(s.Alert, progress.Signal, s.Strategy, _services.Options.ExternalUrl);
        await PlanNoticeRoundAsync(s.Config, relation with { UserGroups = [(int)step.UserGroupId] }, alert, now, UpgradeRoundBase + step.GroupIndex);
        var sent = AlertUpgradeCheck.Sent(step, now);
        state.Upgrade = new UpgradeProgress { Signal = progress.Signal, LastTime = sent.LastUpgradeTime, LastGroupIndex = sent.LastGroupIndex };
        await _state.WriteStateAsync();
        await SendPendingAsync();
    }

    private async Task StopUpgradeAsync()
    {
        if (_state.State.Upgrade is not null)
        {
            _state.State.Upgrade = null;
            await _state.WriteStateAsync();
        }
        if (await GetReminder(UpgradeReminder) is { } reminder) await UnregisterReminder(reminder);
    }

    /// <summary>The alert as it is now, its strategy and notice config, while the alert is abnormal and not acknowledged; null otherwise.</summary>
    private async Task<NoticeSubject?> NoticeSubjectAsync()
    {
        var current = _state.State.AlertKey is { } key ? await GrainFactory.GetGrain<IAlertGrain>(key).GetAsync(AlertId) : null;
        if (current is not { Status: AlertStatus.Abnormal, IsAck: false, StrategyId: { } sid and not 0 }) return null;
        var strategy = await GrainFactory.GetGrain<IStrategyGrain>(sid).GetAsync();
        if (strategy?.Notice is not { } notice) return null;
        var config = await GrainFactory.GetGrain<IActionRegistryGrain>(IActionRegistryGrain.GlobalKey).GetActionConfigAsync((int)notice.ConfigId);
        return config is null ? null : new NoticeSubject(current, strategy, config);
    }

    private sealed record NoticeSubject(ApiAlert Alert, Strategy Strategy, ActionConfig Config);
}
