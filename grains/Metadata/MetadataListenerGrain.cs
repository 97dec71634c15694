using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.GrainInterfaces.Routing;
using BkMonitor.Grains.Routing;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Metadata;

/// <summary>Applies published metadata changes to the caches of the silo it runs on (see <see cref="MetadataBroadcaster"/>).</summary>
[GrainType(MetadataBroadcaster.ListenerGrainType)]
[Reentrant]
internal sealed class MetadataListenerGrain(DataSourceCache dataSources, AlarmClusterPlacement placement) : Grain, IMetadataListenerGrain
{
    public Task DataSourceChangedAsync(int bkDataId)
    {
        dataSources.Invalidate(bkDataId);
        return Task.CompletedTask;
    }

    public Task RoutingChangedAsync(AlarmRoutingTable table)
    {
        placement.Apply(table);
        return Task.CompletedTask;
    }
}
