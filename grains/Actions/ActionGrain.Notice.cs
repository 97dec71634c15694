using System.Text;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Delivery;
using ApiAlert = BkMonitor.GrainInterfaces.Alerts.AlertSnapshot;
using NoticeAlert = BkMonitor.GrainInterfaces.Actions.AlertSnapshot;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// The <c>notice</c> plugin: the strategy's notice relation → user groups → ways per level → channels. Each
/// (way, receiver) is one action instance and one notification-log entry keyed by its idempotency key, so it
/// goes through the same "sending → sent/failed" log as webhooks; ways without a channel become failed instances.
/// </summary>
internal sealed partial class ActionGrain
{
    private async Task PlanNoticeAsync(ActionConfig config, Strategy strategy, ApiAlert source, NoticeAlert alert, long now)
    {
        _state.State.AlertKey ??= GrainInterfaces.Alerts.AlertGrainKey.Of(source);
        if (strategy.Notice is not { } notice || notice.ConfigId != config.Id)
        {
            RecordRelationOutcome(config, alert.Signal, 0, now, ActionStatus.Skipped, "the notice plugin runs only as the strategy's notice relation");
            return;
        }
        var relation = StrategyRelationMapping.ToRelation(notice);
        var planned = await PlanNoticeRoundAsync(config, relation, alert, now, round: 0);
        if (planned && ActionSignal.IsAbnormal(alert.Signal))
        {
            await StartRepeatAsync(config, relation, alert, now);
            await StartUpgradeAsync(relation, alert.Signal);
        }
    }

    /// <summary>Plans one notice round; true when deliveries were planned (even if some of them failed).</summary>
    private async Task<bool> PlanNoticeRoundAsync(ActionConfig config, ActionRelation relation, NoticeAlert alert, long now, int round)
    {
        var groups = await UserGroupsAsync(relation.UserGroups);
        var request = new NoticePlanRequest
        {
            Alert = alert, Relation = relation, Now = now, TimeZone = _services.Options.TimeZone, Round = round,
            DefaultWxWorkBotUrl = _services.Options.WxWorkBot.WebhookUrl,
        };
        var plan = new NoticePlanner(_services.ConfiguredWays).Plan(request, groups);
        switch (plan.Outcome)
        {
            case NoticePlanOutcome.NotForSignal:
                return false;
            case NoticePlanOutcome.Skipped:
                RecordRelationOutcome(config, alert.Signal, round, now, ActionStatus.Skipped, plan.Reason);
                return false;
            case NoticePlanOutcome.OutsideTimeWindow:
                RecordRelationOutcome(config, alert.Signal, round, now, ActionStatus.Shield, plan.Reason);
                return false;
            case NoticePlanOutcome.NoDeliveries:
                RecordRelationOutcome(config, alert.Signal, round, now, ActionStatus.Failure, plan.Reason);
                return false;
        }
        NoticeContent content;
        try
        {
            content = NoticeContentRenderer.Render(alert, relation.Config, _services.Options.TimeZone);
        }
        catch (TemplateRenderException e)
        {
            RecordRelationOutcome(config, alert.Signal, round, now, ActionStatus.Failure, e.Message);
            return false;
        }
        foreach (var delivery in plan.Deliveries) await PlanDeliveryAsync(config, relation, alert, delivery, content, now, round);
        return true;
    }

    private async Task PlanDeliveryAsync(
        ActionConfig config, ActionRelation relation, NoticeAlert alert, NoticeDelivery delivery, NoticeContent content, long now, int round)
    {
        var state = _state.State;
        var key = delivery.IdempotencyKey;
        if (state.Log.ContainsKey(key) || state.Instances.Exists(i => i.IdempotencyKey == key)) return;
        var instance = Instance(key, config, alert.Signal, now) with { NoticeWay = delivery.Way, Receiver = delivery.Receiver, ExecuteTimes = round % UpgradeRoundBase };
        if (delivery.IsFailed)
        {
            state.Replace(instance with { Status = ActionStatus.Failure, EndTime = now, FailureReason = delivery.FailureReason });
            return;
        }
        var receivers = delivery.Way == NoticeWay.WxworkBot ? new List<string>() : [delivery.Target];
        var entry = new NotificationLogEntry
        {
            Signal = alert.Signal, Round = round, ActionConfigId = config.Id, InstanceId = instance.Id,
            Way = delivery.Way, Receivers = receivers, Url = delivery.Way == NoticeWay.WxworkBot ? delivery.Target : "",
            Title = content.Title, Body = BodyFor(delivery.Way, content.Title, content.Message), ContentType = "text/plain; charset=utf-8",
        };
        state.Log[key] = entry;
        state.Replace(instance with { Status = ActionStatus.Running });
        var converge = await ConvergeNoticeAsync(instance, relation, alert, delivery, now);
        if (converge is not null) await ApplyConvergeAsync(key, entry, instance, converge, now);
        if (converge is { Verdict.CollectDueAt: { } due, Verdict.ConvergeId: { } convergeId })
        {
            await ScheduleCollectSummaryAsync(new PendingCollectSummary
            {
                ConvergeKey = converge.Key, ConvergeId = convergeId, DueAt = due, ActionConfigId = config.Id,
                Way = delivery.Way, Receiver = delivery.Receiver, Receivers = receivers,
                Url = delivery.Way == NoticeWay.WxworkBot ? delivery.Target : "",
                Title = $"[{alert.AlertName}] converged notices",
            }, now);
        }
    }

    // A group robot shows only the message: the title goes in as its first, bold line.
    private static string BodyFor(string way, string title, string message) =>
        way == NoticeWay.WxworkBot ? $"**{title}**\n{message}" : message;

    // One instance for the whole relation: it did not fan out to receivers (skipped, shielded, nobody to notify).
    private void RecordRelationOutcome(ActionConfig config, string signal, int round, long now, string status, string reason)
    {
        var key = IdempotencyKey.For(AlertId, signal, round, config.Id, config.PluginType, "");
        if (_state.State.Instances.Exists(i => i.IdempotencyKey == key)) return;
        _state.State.Replace(Instance(key, config, signal, now) with { Status = status, EndTime = now, FailureReason = reason, ExecuteTimes = round });
    }

    private async Task<Dictionary<int, UserGroup>> UserGroupsAsync(IReadOnlyList<int> ids)
    {
        var registry = GrainFactory.GetGrain<IActionRegistryGrain>(IActionRegistryGrain.GlobalKey);
        var groups = new Dictionary<int, UserGroup>();
        foreach (var id in ids.Distinct())
        {
            if (await registry.GetUserGroupAsync(id) is { } group) groups[id] = group;
        }
        return groups;
    }

    /// <summary>Sends one log entry: a webhook request, or a notice through the channel of its way.</summary>
    private async Task<DeliveryResult> DeliverAsync(string key, NotificationLogEntry entry)
    {
        DeliveryResult result;
        if (entry.Way is null)
        {
            var request = new WebhookRequest(entry.Url, entry.Method, Encoding.UTF8.GetBytes(entry.Body), entry.ContentType, key) { Headers = entry.Headers };
            result = await _services.Webhooks.SendAsync(request, CancellationToken.None);
        }
        else
        {
            var notification = new Notification(key, entry.Receivers, entry.Title, entry.Body) { Target = entry.Url.Length > 0 ? entry.Url : null };
            result = await _services.Channels.SendAsync(entry.Way, notification, CancellationToken.None);
        }
        _services.DeliveryMetrics.Delivered(entry.Way, result.Status);
        if (entry.ConvergeKey is { } convergeKey)
        {
            await ReportConvergeStatusAsync(convergeKey, entry.InstanceId, result.Delivered ? ActionStatus.Success : ActionStatus.Failure);
        }
        return result;
    }
}
