namespace BkMonitor.Runtime.Hosting;

/// <summary>Starts idle collection at the activations stage; deactivates every activation on stop.</summary>
internal sealed class CatalogParticipant(Silo silo) : ISiloLifecycleParticipant
{
    public int Stage => SiloStages.Activations;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        silo.Collector.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        silo.Collector.Dispose();
        return silo.Catalog.DeactivateAllAsync(
            new DeactivationReason(DeactivationReasonCode.ShuttingDown, $"silo {silo.Address} is shutting down"),
            cancellationToken);
    }
}
