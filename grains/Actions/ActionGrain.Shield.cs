using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.GrainInterfaces.Shields;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;
using ApiAlert = BkMonitor.GrainInterfaces.Alerts.AlertSnapshot;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Shields (ALARM-SPEC §9): deliveries planned while a shield covers the alert are recorded with status
/// <c>shield</c> and held. A reminder re-checks every minute and just after the shield's end; once no shield covers
/// the alert, the held abnormal notice goes out with its own instance (bk-monitor's unshield notice). An alert that
/// recovers or closes under the shield is owed nothing.
/// </summary>
internal sealed partial class ActionGrain
{
    private const string ShieldCheckReminder = "shield-check";
    private static readonly TimeSpan ShieldCheckPeriod = TimeSpan.FromMinutes(1);

    private IShieldRegistryGrain ShieldRegistry => GrainFactory.GetGrain<IShieldRegistryGrain>(IShieldRegistryGrain.GlobalKey);

    /// <summary>Runs after a signal's deliveries are planned and before they go out: holds them while shielded, else releases an earlier hold first.</summary>
    private async Task ApplyShieldAsync(ApiAlert alert, string signal, long now)
    {
        var state = _state.State;
        var planned = state.Log.Where(e => e.Value.Signal == signal && e.Value.Status == NotificationLogEntry.Sending).ToList();
        var earlier = state.ShieldHold;
        if (planned.Count == 0 && earlier is null) return;
        var match = await MatchShieldAsync(alert, now);
        if (!match.IsShielded)
        {
            // The check reminder finds no hold on its next tick and removes itself.
            if (earlier is not null) ReleaseHold(earlier, now);
            return;
        }
        var hold = earlier ?? new ShieldHold { Alert = alert };
        hold.Alert = alert;
        hold.ShieldId = match.ShieldId;
        if (signal is ActionSignal.Recovered or ActionSignal.Closed) hold.Keys.Clear();
        if (ActionSignal.IsAbnormal(signal)) hold.Keys.AddRange(planned.Select(e => e.Key));
        state.ShieldHold = hold.Keys.Count > 0 ? hold : null;
        if (state.ShieldHold is not null) await ScheduleShieldCheckAsync(match, now);
        // Statuses last: once an instance reads "shield" (ListAsync interleaves), its re-check is already scheduled.
        foreach (var (_, entry) in planned)
        {
            entry.Status = ShieldHold.Held;
            if (state.Instances.Find(i => i.Id == entry.InstanceId) is { } instance)
            {
                state.Replace(instance with { Status = ActionStatus.Shield, EndTime = now, FailureReason = $"shielded by shield {match.ShieldId}" });
            }
        }
    }

    private async Task RecheckShieldAsync()
    {
        var state = _state.State;
        if (state.ShieldHold is not { } hold)
        {
            await StopShieldChecksAsync();
            return;
        }
        var now = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var match = await MatchShieldAsync(hold.Alert, now);
        if (match.IsShielded)
        {
            hold.ShieldId = match.ShieldId;
            // The periodic tick stays unless the shield ends before the next one.
            if (match.EndTime is { } end && end + 1 - now < ShieldCheckPeriod.TotalSeconds) await ScheduleShieldCheckAsync(match, now);
            return;
        }
        // Written before the reminder goes: a silo lost in between sends the released entries on reactivation.
        ReleaseHold(hold, now);
        await _state.WriteStateAsync();
        await SendPendingAsync();
        await StopShieldChecksAsync();
    }

    // The held entries become "sending" again under a new instance; the shielded instance stays as it was.
    private void ReleaseHold(ShieldHold hold, long now)
    {
        var state = _state.State;
        foreach (var key in hold.Keys)
        {
            if (!state.Log.TryGetValue(key, out var entry) || entry.Status != ShieldHold.Held) continue;
            if (state.Instances.Find(i => i.Id == entry.InstanceId) is { } shielded)
            {
                var released = shielded with
                {
                    Id = InstanceIdOf(key + "/unshield"), Status = ActionStatus.Running, CreateTime = now, EndTime = null, FailureReason = null,
                };
                state.Replace(released);
                entry.InstanceId = released.Id;
            }
            entry.Status = NotificationLogEntry.Sending;
        }
        state.ShieldHold = null;
    }

    // A registry that cannot answer must not swallow notices: the alert counts as not shielded.
    private async Task<ShieldMatch> MatchShieldAsync(ApiAlert alert, long now)
    {
        try
        {
            return await ShieldRegistry.MatchAsync(alert, now);
        }
        catch (Exception e) when (e is GrainCallTimeoutException or SiloUnavailableException)
        {
            ShieldCheckFailed(_logger, e, AlertId);
            return ShieldMatch.None;
        }
    }

    // Every minute, and one second after the shield's window ends when that comes sooner.
    private Task ScheduleShieldCheckAsync(ShieldMatch match, long now)
    {
        var due = match.EndTime is { } end ? TimeSpan.FromSeconds(Math.Clamp(end + 1 - now, 1, (long)ShieldCheckPeriod.TotalSeconds)) : ShieldCheckPeriod;
        return RegisterOrUpdateReminder(ShieldCheckReminder, due, ShieldCheckPeriod);
    }

    private async Task StopShieldChecksAsync()
    {
        if (await GetReminder(ShieldCheckReminder) is { } reminder) await UnregisterReminder(reminder);
    }

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Alert {AlertId}: shield check failed; the notice is not held")]
    private static partial void ShieldCheckFailed(ILogger logger, Exception exception, string alertId);
}
