using BkMonitor.Runtime.Hosting;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The alert index on <c>/healthz</c>: degraded while its writes fail or its queue is nearly full (searches then
/// lag behind the alerts), with the queue depth and the rows written and dropped.
/// </summary>
internal sealed class AlertIndexHealth(AlertIndexWriter writer) : IHealthReporter
{
    public string Namespace => "alerts:index";

    public Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var depth = writer.QueueDepth;
        var (written, dropped) = writer.Totals;
        var (status, message) = writer.LastBatchFailed
            ? (HealthReport.Degraded, "the last write to the alert index failed; retrying")
            : depth * 10 >= writer.QueueCapacity * 9
                ? (HealthReport.Degraded, $"the index writer's queue is {depth} of {writer.QueueCapacity}")
                : (HealthReport.Ok, "alert index writes keep up");
        return Task.FromResult(new HealthReport(Namespace, status, message,
            [new HealthMetric("queue_depth", depth), new HealthMetric("rows_written", written), new HealthMetric("rows_dropped", dropped)]));
    }
}
