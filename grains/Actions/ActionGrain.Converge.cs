using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.GrainInterfaces.Converge;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Converge;
using NoticeAlert = BkMonitor.GrainInterfaces.Actions.AlertSnapshot;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Converge before executing (ALARM-SPEC §7): each instance asks the converge grain of its effective
/// converge dimension key, shared by all alerts, and runs, sleeps (re-evaluated every 30 s) or is converged.
/// </summary>
internal sealed partial class ActionGrain
{
    private const string RecheckReminder = "converge-recheck";
    private static readonly TimeSpan RecheckPeriod = TimeSpan.FromSeconds(ConvergeEngine.SleepRecheckSeconds);

    private sealed record ConvergeOutcome(string Key, ConvergeRequest Request, ConvergeVerdict Verdict);

    private Task<ConvergeOutcome?> ConvergeNoticeAsync(ActionInstance instance, ActionRelation relation, NoticeAlert alert, NoticeDelivery delivery, long now) =>
        ConvergeAsync(instance, relation.Options.ConvergeConfig, alert, now, delivery.Way, delivery.Receiver);

    /// <summary>Converges the webhook instance <see cref="Plan"/> just added for <paramref name="config"/>; a converged one is not sent.</summary>
    private async Task ConvergePlannedAsync(ActionConfig config, Strategy strategy, NoticeAlert alert, long now)
    {
        var relation = strategy.Actions.FirstOrDefault(a => a.ConfigId == config.Id);
        if (relation?.Options.ConvergeConfig is null) return;
        var state = _state.State;
        foreach (var (key, entry) in state.Log.Where(e => IsUnconverged(e.Value, config.Id, alert.Signal)).ToList())
        {
            var instance = state.Instances.Find(i => i.Id == entry.InstanceId);
            if (instance is null) continue;
            var converge = await ConvergeAsync(instance, StrategyRelationMapping.ToConverge(relation.Options.ConvergeConfig), alert, now, null, null);
            if (converge is not null) await ApplyConvergeAsync(key, entry, instance, converge, now);
        }
    }

    /// <summary>
    /// Applies a verdict to a planned delivery: it runs ("sending"), waits ("waiting", re-evaluated every 30 s) or
    /// leaves the log with the instance converged, skipped or waiting for approval.
    /// </summary>
    private async Task ApplyConvergeAsync(string key, NotificationLogEntry entry, ActionInstance instance, ConvergeOutcome converge, long now)
    {
        var state = _state.State;
        var verdict = converge.Verdict;
        entry.ConvergeKey = converge.Key;
        if (verdict.Runs)
        {
            entry.Status = NotificationLogEntry.Sending;
            entry.PendingConverge = null;
            state.Replace(instance with { Status = ActionStatus.Running, ConvergeId = verdict.ConvergeId });
            return;
        }
        if (verdict.Kind == ConvergeVerdictKind.Wait)
        {
            entry.Status = NotificationLogEntry.Waiting;
            entry.PendingConverge = converge.Request;
            state.Replace(instance with { Status = ActionStatus.Sleep, ConvergeId = verdict.ConvergeId, FailureReason = verdict.Reason });
            var due = TimeSpan.FromSeconds(Math.Max(1, (verdict.RecheckAt ?? now) - now));
            await RegisterOrUpdateReminder(RecheckReminder, due, RecheckPeriod);
            return;
        }
        state.Log.Remove(key);
        state.Replace(ConvergedInstance(instance, verdict, now));
    }

    /// <summary>Evaluates the sleeping deliveries again; those converge lets run are sent.</summary>
    private async Task RecheckWaitingAsync()
    {
        var state = _state.State;
        var now = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        foreach (var (key, entry) in state.Log.Where(e => e.Value.Status == NotificationLogEntry.Waiting).ToList())
        {
            var instance = state.Instances.Find(i => i.Id == entry.InstanceId);
            if (instance is null || entry.ConvergeKey is null || entry.PendingConverge is null) continue;
            var request = entry.PendingConverge with { Status = ActionStatus.Sleep, Now = now };
            var verdict = await GrainFactory.GetGrain<IConvergeGrain>(entry.ConvergeKey).EvaluateAsync(request);
            await ApplyConvergeAsync(key, entry, instance, new ConvergeOutcome(entry.ConvergeKey, request, verdict), now);
        }
        if (!state.Log.Values.Any(e => e.Status == NotificationLogEntry.Waiting) && await GetReminder(RecheckReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
        await _state.WriteStateAsync();
        await SendPendingAsync();
    }

    private static bool IsUnconverged(NotificationLogEntry entry, int configId, string signal) =>
        entry.Way is null && entry.ConvergeKey is null && entry.ActionConfigId == configId && entry.Signal == signal
        && entry.Status == NotificationLogEntry.Sending;

    private async Task<ConvergeOutcome?> ConvergeAsync(
        ActionInstance instance, Converge.ConvergeConfig? config, NoticeAlert alert, long now, string? way, string? receiver)
    {
        if (config is null) return null;
        var context = ConvergeContext.Create(
            alert.Strategy?.Id ?? 0, alert.AlertName, alert.BkBizId, alert.Severity, alert.Signal,
            ConvergeContext.HashDimensions(alert.Dimensions), instance.ActionConfigId, way, receiver);
        var subject = new ConvergeSubject { Id = instance.Id, CreateTime = instance.CreateTime, PluginType = instance.PluginType, Context = context };
        var settings = ConvergeSettings.Resolve(config, subject, out _);
        if (settings is null) return null;
        var request = new ConvergeRequest
        {
            ActionId = instance.Id,
            CreateTime = instance.CreateTime,
            PluginType = instance.PluginType,
            Values = new Dictionary<string, string>(context.Values, StringComparer.Ordinal),
            Config = ConvergeRequestMapping.ToWire(config),
            Now = now,
        };
        var verdict = await GrainFactory.GetGrain<IConvergeGrain>(settings.DimensionKey).EvaluateAsync(request);
        return new ConvergeOutcome(settings.DimensionKey, request, verdict);
    }

    private static ActionInstance ConvergedInstance(ActionInstance instance, ConvergeVerdict verdict, long now)
    {
        var status = verdict.Status ?? ActionStatus.Skipped;
        return instance with
        {
            Status = status,
            EndTime = ActionStatus.Ended.Contains(status) ? now : null,
            FailureReason = verdict.Reason.Length > 0 ? $"converged: {verdict.Reason}" : "converged",
            ConvergeId = verdict.ConvergeId,
        };
    }

    private Task ReportConvergeStatusAsync(string convergeKey, long instanceId, string status) =>
        GrainFactory.GetGrain<IConvergeGrain>(convergeKey).ReportStatusAsync(instanceId, status);
}
