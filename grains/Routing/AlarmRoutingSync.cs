using BkMonitor.GrainInterfaces.Routing;
using BkMonitor.Grains.Metadata;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Routing;

/// <summary>
/// Loads the routing table when the silo becomes active: a silo that joins after the last change never received
/// it. In the background, so a slow routing singleton never delays the silo's start; a failure is logged, and until
/// the next change this silo then places every grain without a role.
/// </summary>
internal sealed class AlarmRoutingSync(IGrainFactory grains, AlarmClusterPlacement placement, ILogger<AlarmRoutingSync> logger) : ISiloLifecycleParticipant
{
    public int Stage => SiloStages.Active;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(LoadAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task LoadAsync()
    {
        try
        {
            var table = await grains.GetGrain<IAlarmRoutingGrain>(IAlarmRoutingGrain.GlobalKey).GetAsync();
            if (placement.Apply(table)) MetadataLog.RoutingApplied(logger, table.Version, table.Rules.Count, table.StrategyBiz.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            MetadataLog.RoutingLoadFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
