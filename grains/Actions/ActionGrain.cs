using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Alerts;
using BkMonitor.Grains.Delivery;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// The actions of one alert (key: alert id), fed by <c>action_notice</c>: for each signal once, runs the strategy's
/// relations (notice relation and <c>actions[]</c>): webhooks here, notices, converge, repeat notices and collect
/// summaries in the partial files; it records an action instance per delivery. Every
/// delivery is logged "sending" (persisted) before it goes out and "sent"/"failed" after; a reminder stays
/// registered while anything is "sending", so a silo lost mid-send has the delivery repeated with the same
/// Idempotency-Key, and a finished entry is never sent again.
/// </summary>
[ImplicitStreamSubscription(ActionStreams.ActionNotice)]
internal sealed partial class ActionGrain : Grain, IActionGrain, IAsyncObserver<ActionNotice>, IRemindable
{
    private const string ResendReminder = "pending-sends";
    private static readonly TimeSpan ResendPeriod = TimeSpan.FromMinutes(1);

    private readonly IPersistentState<ActionGrainState> _state;
    private readonly AlarmServices _services;
    private readonly ILogger<ActionGrain> _logger;

    public ActionGrain(
        [PersistentState("actions")] IPersistentState<ActionGrainState> state,
        AlarmServices services,
        ILogger<ActionGrain> logger)
    {
        _state = state;
        _services = services;
        _logger = logger;
    }

    private string AlertId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await GetStreamProvider(ProviderNames.DefaultStreams)
            .GetStream<ActionNotice>(StreamId.Create(ActionStreams.ActionNotice, AlertId)).SubscribeAsync(this);
        await SendPendingAsync();
    }

    public Task<IReadOnlyList<ActionInstance>> ListAsync() => Task.FromResult<IReadOnlyList<ActionInstance>>([.. _state.State.Instances]);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ShieldCheckReminder)
        {
            await RecheckShieldAsync();
            return;
        }
        if (!await HandleNoticeReminderAsync(reminderName)) await SendPendingAsync();
    }

    public async Task OnNextAsync(ActionNotice item, StreamSequenceToken? token = null)
    {
        var state = _state.State;
        var signal = NoticeAlertMapping.SignalName(item.Signal);
        if (state.HandledSignals.Contains(signal)) return;
        var now = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        // A deleted strategy's alerts still end under the relations they were opened with.
        var strategy = item.Alert.StrategyId is { } sid and not 0 ? await GrainFactory.GetGrain<IStrategyGrain>(sid).GetForAlertsAsync() : null;
        var alert = NoticeAlertMapping.ToNotice(item.Alert, signal, strategy, _services.Options.ExternalUrl);
        foreach (var (configId, relationSignals) in RelationsOf(strategy))
        {
            if (!relationSignals.Contains(signal)) continue;
            var config = await GrainFactory.GetGrain<IActionRegistryGrain>(IActionRegistryGrain.GlobalKey).GetActionConfigAsync((int)configId);
            if (config is null)
            {
                AlertLog.ConfigMissing(_logger, AlertId, signal, configId);
                continue;
            }
            if (config.PluginType == ActionPluginType.Notice)
            {
                await PlanNoticeAsync(config, strategy!, item.Alert, alert, now);
                continue;
            }
            Plan(config, alert, signal, now);
            await ConvergePlannedAsync(config, strategy!, alert, now);
        }
        await ApplyShieldAsync(item.Alert, signal, now);
        state.HandledSignals.Add(signal);
        await _state.WriteStateAsync();
        await SendPendingAsync();
        // Nothing ran for this alert (no relation takes the signal): no send, poll or hold is scheduled, so the
        // activation holds nothing worth its memory; the next signal or a REST read activates it again.
        if (state is { Instances.Count: 0, Log.Count: 0, ShieldHold: null }) DeactivateOnIdle();
    }

    private static IEnumerable<(long ConfigId, IReadOnlyList<string> Signals)> RelationsOf(Strategy? strategy)
    {
        if (strategy is null) yield break;
        if (strategy.Notice is { } notice) yield return (notice.ConfigId, notice.Signal);
        foreach (var action in strategy.Actions) yield return (action.ConfigId, action.Signal);
    }

    // Adds the instance and, for a webhook, its "sending" log entry; nothing leaves before the state is written.
    private void Plan(ActionConfig config, GrainInterfaces.Actions.AlertSnapshot alert, string signal, long now)
    {
        const int round = 0;
        var state = _state.State;
        if (config.PluginType != ActionPluginType.Webhook)
        {
            var skippedKey = IdempotencyKey.For(AlertId, signal, round, config.Id, config.PluginType, "");
            state.Replace(Instance(skippedKey, config, signal, now) with
            {
                Status = ActionStatus.Skipped, EndTime = now, FailureReason = $"plugin '{config.PluginType}' is not supported by this action stage yet",
            });
            return;
        }
        WebhookExecuteConfig webhook;
        WebhookBody body;
        try
        {
            webhook = WebhookConfigReader.Read(config);
            body = WebhookBodyBuilder.Build(webhook, [alert], config.Name, _services.Options.ExternalUrl, _services.Options.TimeZone);
        }
        catch (Exception e) when (e is ArgumentException or TemplateRenderException)
        {
            var badKey = IdempotencyKey.For(AlertId, signal, round, config.Id, config.PluginType, "");
            state.Replace(Instance(badKey, config, signal, now) with { Status = ActionStatus.Failure, EndTime = now, FailureReason = e.Message });
            return;
        }
        var key = IdempotencyKey.ForWebhook(AlertId, signal, round, config.Id, webhook.Url);
        if (state.Log.ContainsKey(key)) return;
        var instance = Instance(key, config, signal, now) with { Status = ActionStatus.Running };
        state.Replace(instance);
        state.Log[key] = new NotificationLogEntry
        {
            Signal = signal, Round = round, ActionConfigId = config.Id, InstanceId = instance.Id,
            Url = webhook.Url, Method = webhook.Method, Headers = webhook.Headers, Body = body.Content, ContentType = body.ContentType,
        };
    }

    private async Task SendPendingAsync()
    {
        var state = _state.State;
        var pending = state.Log.Where(e => e.Value.Status == NotificationLogEntry.Sending).ToList();
        if (pending.Count == 0) return;
        await RegisterOrUpdateReminder(ResendReminder, ResendPeriod, ResendPeriod);
        foreach (var (key, entry) in pending)
        {
            var result = await DeliverAsync(key, entry);
            entry.Status = result.Delivered ? NotificationLogEntry.Sent : NotificationLogEntry.Failed;
            var instance = state.Instances.Find(i => i.Id == entry.InstanceId);
            if (instance is not null)
            {
                var status = result.Delivered ? ActionStatus.Success : ActionStatus.Failure;
                state.Replace(instance with
                {
                    Status = status,
                    EndTime = TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
                    Attempts = instance.Attempts + result.Attempts,
                    ExecuteTimes = instance.ExecuteTimes + 1,
                    FailureReason = result.Delivered ? null : result.Reason,
                });
                if (!result.Delivered) AlertLog.ActionEnded(_logger, AlertId, entry.Signal, entry.ActionConfigId, status, result.Reason);
            }
            await _state.WriteStateAsync();
        }
        if (await GetReminder(ResendReminder) is { } reminder) await UnregisterReminder(reminder);
    }

    private ActionInstance Instance(string key, ActionConfig config, string signal, long now) => new()
    {
        Id = InstanceIdOf(key),
        AlertId = AlertId,
        ActionConfigId = config.Id,
        PluginType = config.PluginType,
        Signal = signal,
        CreateTime = now,
        IdempotencyKey = key,
    };

    // Derived from the idempotency key, so a replanned delivery keeps its instance id on every silo.
    private static long InstanceIdOf(string key) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key))) & long.MaxValue;
}
