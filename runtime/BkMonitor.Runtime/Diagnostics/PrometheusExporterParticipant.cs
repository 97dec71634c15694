using BkMonitor.Runtime.Hosting;

namespace BkMonitor.Runtime.Diagnostics;

/// <summary>Creates the exporter at the first lifecycle stage, so it listens before the first measurement.</summary>
internal sealed class PrometheusExporterParticipant(PrometheusExporter exporter) : ISiloLifecycleParticipant
{
    public int Stage => SiloStages.RuntimeServices;

    public PrometheusExporter Exporter => exporter;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
