using System.Globalization;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.GrainInterfaces.Converge;
using BkMonitor.Grains.Converge;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Collect summaries (converge function <c>collect</c>): the instance that opened a collect record schedules a
/// summary 60 s later, a notice to the same way and receiver listing the instances the record skipped.
/// </summary>
internal sealed partial class ActionGrain
{
    private const string CollectReminder = "collect-summary";
    private static readonly TimeSpan CollectPeriod = TimeSpan.FromSeconds(ConvergeEngine.CollectDelaySeconds);

    private async Task ScheduleCollectSummaryAsync(PendingCollectSummary summary, long now)
    {
        _state.State.CollectSummaries.Add(summary);
        var due = TimeSpan.FromSeconds(Math.Max(1, summary.DueAt - now));
        await RegisterOrUpdateReminder(CollectReminder, due, CollectPeriod);
    }

    /// <summary>Sends the summaries that are due: one notice listing the instances each collect record skipped.</summary>
    private async Task SendCollectSummariesAsync()
    {
        var state = _state.State;
        var now = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        foreach (var summary in state.CollectSummaries.Where(s => s.DueAt <= now).ToList())
        {
            var skipped = await GrainFactory.GetGrain<IConvergeGrain>(summary.ConvergeKey).TakeCollectSummaryAsync(summary.ConvergeId);
            state.CollectSummaries.Remove(summary);
            if (skipped.Count > 0) PlanCollectSummary(summary, skipped, now);
        }
        if (state.CollectSummaries.Count == 0 && await GetReminder(CollectReminder) is { } reminder) await UnregisterReminder(reminder);
        await _state.WriteStateAsync();
        await SendPendingAsync();
    }

    private void PlanCollectSummary(PendingCollectSummary summary, IReadOnlyList<long> skipped, long now)
    {
        var state = _state.State;
        var round = (int)summary.ConvergeId;
        var key = IdempotencyKey.For(AlertId, ActionSignal.Collect, round, summary.ActionConfigId, summary.Way, summary.Receiver);
        if (state.Log.ContainsKey(key)) return;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{skipped.Count} notice(s) converged within {ConvergeEngine.CollectDelaySeconds} s (collect), action ids: {string.Join(", ", skipped)}");
        var instance = new ActionInstance
        {
            Id = InstanceIdOf(key), AlertId = AlertId, ActionConfigId = summary.ActionConfigId, PluginType = ActionPluginType.Notice,
            Signal = ActionSignal.Collect, CreateTime = now, IdempotencyKey = key, Status = ActionStatus.Running,
            NoticeWay = summary.Way, Receiver = summary.Receiver, ConvergeId = summary.ConvergeId,
        };
        state.Replace(instance);
        state.Log[key] = new NotificationLogEntry
        {
            Signal = ActionSignal.Collect, Round = round, ActionConfigId = summary.ActionConfigId, InstanceId = instance.Id,
            Way = summary.Way, Receivers = summary.Receivers, Url = summary.Url, Title = summary.Title,
            Body = BodyFor(summary.Way, summary.Title, message), ContentType = "text/plain; charset=utf-8",
        };
    }
}
