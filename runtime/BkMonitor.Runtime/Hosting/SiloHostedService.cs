using Microsoft.Extensions.Hosting;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Runs the silo lifecycle with the host: start in stage order, graceful stop on shutdown (Ctrl-C).</summary>
internal sealed class SiloHostedService(Silo silo) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => silo.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);
}
