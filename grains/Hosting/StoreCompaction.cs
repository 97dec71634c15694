using BkMonitor.Grains.TimeSeries;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Hosting;

/// <summary>
/// Drops points past the retention from the built-in store every <see cref="PipelineOptions.CompactionInterval"/>
/// while the silo is active, and reports the store's size on <c>/healthz</c>.
/// </summary>
internal sealed class StoreCompaction(TimeSeriesStore store, PipelineOptions options, TimeProvider time, ILogger<StoreCompaction> logger)
    : ISiloLifecycleParticipant, IHealthReporter, IDisposable
{
    private ITimer? _timer;

    public int Stage => SiloStages.Active;

    public string Namespace => "timeseries:builtin";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = time.CreateTimer(_ => Compact(), null, options.CompactionInterval, options.CompactionInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public int Compact()
    {
        var dropped = store.Compact(time.GetUtcNow().ToUnixTimeSeconds());
        PipelineLog.Compacted(logger, dropped);
        return dropped;
    }

    public Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var (series, points) = store.Size();
        return Task.FromResult(new HealthReport(Namespace, HealthReport.Ok, $"built-in store, retention {store.Retention.TotalDays:0.##} d",
            [new HealthMetric("series", series), new HealthMetric("points", points)]));
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
