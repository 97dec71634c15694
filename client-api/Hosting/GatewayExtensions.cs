using System.Text.Json;
using BkMonitor.ClientApi.Apis;
using BkMonitor.ClientApi.Auth;
using BkMonitor.ClientApi.Dashboard;
using BkMonitor.ClientApi.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BkMonitor.ClientApi.Hosting;

/// <summary>Adds the REST/gRPC gateway to a web application (the silo's, or a standalone cluster client's).</summary>
public static class GatewayExtensions
{
    public static WebApplicationBuilder AddBkMonitorGateway(this WebApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => AdminTokenStore.Resolve(
            options.AdminToken, options.DataDirectory, sp.GetRequiredService<ILoggerFactory>().CreateLogger("BkMonitor.Auth")));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
        });
        builder.Services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        var urls = builder.Configuration["urls"] ?? builder.Configuration["BKMONITOR_URLS"] ?? GatewayOptions.DefaultUrls;
        builder.WebHost.UseUrls(urls);
        return builder;
    }

    public static WebApplication MapBkMonitorGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapMetricsApi();
        app.MapClusterApi();
        app.MapStrategiesApi();
        app.MapDataSourcesApi();
        app.MapIngestApi();
        app.MapStorageClustersApi();
        app.MapBcsApi();
        app.MapRoutingApi();
        app.MapAlertsApi();
        app.MapActionConfigsApi();
        app.MapUserGroupsApi();
        app.MapShieldsApi();
        app.MapDashboard();
        // Resolve now so a generated admin token is printed at start, not on the first request.
        _ = app.Services.GetRequiredService<AdminTokenStore>();
        return app;
    }

    private static GatewayOptions ReadOptions(IConfiguration configuration) => new()
    {
        DataDirectory = configuration["BKMONITOR_DATA_DIR"] is { Length: > 0 } dir ? dir : "./data",
        AdminToken = configuration["BKMONITOR_ADMIN_TOKEN"],
    };
}
