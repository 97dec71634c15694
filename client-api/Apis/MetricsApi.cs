using BkMonitor.Runtime.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>GET /metrics</c>: every BkMonitor meter in the Prometheus text exposition format.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Render(), PrometheusExporter.ContentType))
            .WithName("GetMetrics")
            .WithSummary("Prometheus metrics")
            .WithDescription("Runtime (calls, activations, reminders, streams, storage) and alarm metrics in text format 0.0.4.")
            .ExcludeFromDescription();
        return app;
    }
}
