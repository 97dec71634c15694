using BkMonitor.GrainInterfaces.Diagnostics;
using BkMonitor.Runtime;

namespace BkMonitor.Silo.Hosting;

/// <summary>
/// Test-only endpoints over <see cref="IClusterProbeGrain"/>, mapped only when <c>BKMONITOR_CLUSTER_PROBE=true</c>
/// (cluster failover tests and the failover benchmark drive grains through them).
/// </summary>
public static class ClusterProbeEndpoints
{
    public static bool IsEnabled(IConfiguration configuration)
        => string.Equals(configuration["CLUSTER_PROBE"], "true", StringComparison.OrdinalIgnoreCase);

    public static WebApplication MapClusterProbe(this WebApplication app)
    {
        var probe = app.MapGroup("/_probe/{id:long}");
        probe.MapGet("/ping", (long id, IGrainFactory grains) => grains.GetGrain<IClusterProbeGrain>(id).Ping());
        probe.MapPost("/increment", async (long id, IGrainFactory grains) => new { count = await grains.GetGrain<IClusterProbeGrain>(id).Increment() });
        probe.MapPost("/reminder", async (long id, int period, IGrainFactory grains) =>
        {
            await grains.GetGrain<IClusterProbeGrain>(id).StartReminder(period);
            return Results.NoContent();
        });
        return app;
    }
}
