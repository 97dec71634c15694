using BkMonitor.ClientApi.Hosting;
using BkMonitor.Silo.Hosting;

// The main job: one silo that also hosts the REST gateway, the dashboard and /metrics on 127.0.0.1:5080.
// Embedded default: SQLite state and reminders, in-memory streams. BKMONITOR_CLUSTERING=redis: a cluster
// member on Redis (membership, state) and PostgreSQL (reminders).
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddEnvironmentVariables(prefix: "BKMONITOR_");
try
{
    builder.AddBkMonitorGateway();
    if (ClusterSiloExtensions.IsClusterMode(builder.Configuration))
    {
        builder.AddClusterSilo();
    }
    else
    {
        builder.AddEmbeddedSilo();
    }

    var app = builder.Build();
    app.MapBkMonitorGateway();
    if (ClusterProbeEndpoints.IsEnabled(builder.Configuration))
    {
        app.MapClusterProbe();
    }
    await app.RunAsync();
    // A silo that membership declared dead stops with a non-zero code (set by the runtime).
    return Environment.ExitCode;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    // Unreachable Redis/PostgreSQL, a taken port, bad settings: one clear line per cause, and a failing exit code.
    await Console.Error.WriteLineAsync("bkmonitor silo failed to start:");
    for (var cause = ex; cause is not null; cause = cause.InnerException)
    {
        await Console.Error.WriteLineAsync($"  {cause.GetType().Name}: {cause.Message}");
    }
    return 1;
}
