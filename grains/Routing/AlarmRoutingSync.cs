using BkMonitor.GrainInterfaces.Routing;
using BkMonitor.Grains.Metadata;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Routing;

/// <summary>
/// Loads the routing table when the silo becomes active: a silo that joins after the last change never received
/// it. A failure is logged, not fatal; until the next change this silo then places every grain without a role.
/// </summary>
internal sealed class AlarmRoutingSync(IGrainFactory grains, AlarmClusterPlacement placement, ILogger<AlarmRoutingSync> logger) : ISiloLifecycleParticipant
{
    public int Stage => SiloStages.Active;

    public async Task StartAsync(CancellationToken cancellationToken)
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
