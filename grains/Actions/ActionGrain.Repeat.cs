using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Strategies;
using NoticeAlert = BkMonitor.GrainInterfaces.Actions.AlertSnapshot;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Repeat notices (ALARM-SPEC §8, cadence §10): while the alert is abnormal a reminder polls every 30 s and, when
/// <see cref="RepeatNoticePolicy"/> says a round is due, plans the next notice round; the round is part of every
/// idempotency key. The poll stops once the alert has ended or been acknowledged.
/// </summary>
internal sealed partial class ActionGrain
{
    private const string RepeatReminder = "repeat-notice";
    private static readonly TimeSpan RepeatPollPeriod = TimeSpan.FromSeconds(30);

    /// <summary>Routes the notice stage's reminders; false for any other reminder.</summary>
    private async Task<bool> HandleNoticeReminderAsync(string reminderName)
    {
        switch (reminderName)
        {
            case RepeatReminder:
                await PollRepeatAsync();
                return true;
            case CollectReminder:
                await SendCollectSummariesAsync();
                return true;
            case RecheckReminder:
                await RecheckWaitingAsync();
                return true;
            case UpgradeReminder:
                await PollUpgradeAsync();
                return true;
            default:
                return false;
        }
    }

    private async Task StartRepeatAsync(ActionConfig config, ActionRelation relation, NoticeAlert alert, long now)
    {
        var state = _state.State;
        if (state.Cycle is not null || relation.Config is not { } notice || RepeatNoticePolicy.Interval(notice, 1) <= 0) return;
        state.Cycle = new NoticeCycle
        {
            Signal = alert.Signal,
            ActionConfigId = config.Id,
            Record = new CycleHandleRecord { LastTime = now, LatestAnomalyTime = alert.LatestTime, ExecuteTimes = 1 },
        };
        await RegisterOrUpdateReminder(RepeatReminder, RepeatPollPeriod, RepeatPollPeriod);
    }

    private async Task PollRepeatAsync()
    {
        var state = _state.State;
        var subject = state.Cycle is null ? null : await NoticeSubjectAsync();
        if (subject is null || state.Cycle is not { } cycle)
        {
            await StopRepeatAsync();
            return;
        }
        var (current, strategy, config) = (subject.Alert, subject.Strategy, subject.Config);
        var relation = StrategyRelationMapping.ToRelation(strategy.Notice!);
        var now = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (relation.Config is null || !RepeatNoticePolicy.IsDue(relation.Config, cycle.Record, current.LatestTime, now)) return;

        var alert = NoticeAlertMapping.ToNotice(current, cycle.Signal, strategy, _services.Options.ExternalUrl);
        await PlanNoticeRoundAsync(config, relation, alert, now, cycle.Record.ExecuteTimes);
        cycle.Record = RepeatNoticePolicy.Next(cycle.Record, current.LatestTime, current.IsShielded, now);
        await _state.WriteStateAsync();
        await SendPendingAsync();
    }

    private async Task StopRepeatAsync()
    {
        if (_state.State.Cycle is not null)
        {
            _state.State.Cycle = null;
            await _state.WriteStateAsync();
        }
        if (await GetReminder(RepeatReminder) is { } reminder) await UnregisterReminder(reminder);
    }
}
