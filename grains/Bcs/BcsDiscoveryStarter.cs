using BkMonitor.GrainInterfaces.Bcs;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Bcs;

/// <summary>
/// Activates the discovery singleton when a silo starts with discovery configured, so its reminders (discovery and
/// resource refresh) exist without anyone calling the REST API first. Every silo does it; the registration is idempotent.
/// </summary>
internal sealed class BcsDiscoveryStarter(IGrainFactory grains, BcsSettings settings, ILogger<BcsDiscoveryStarter> logger) : ISiloLifecycleParticipant
{
    public int Stage => SiloStages.Active;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // In the background: the singleton may live on a silo that is still starting.
        if (settings.DiscoveryEnabled) _ = Task.Run(ActivateAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ActivateAsync()
    {
        try
        {
            await grains.GetGrain<IBcsDiscoveryGrain>(IBcsDiscoveryGrain.GlobalKey).ClusterIdsAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "BCS discovery not started on this silo; the next silo start or REST call activates it");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
