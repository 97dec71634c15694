namespace BkMonitor.Grains.Alerts;

/// <summary>The alert manager's cadence for this dedupe key.</summary>
internal sealed partial class AlertGrain
{
    private Task OnActivateCadenceAsync() => Task.CompletedTask;

    private Task ScheduleChecksAsync(long strategyId)
    {
        _ = strategyId;
        return Task.CompletedTask;
    }
}
