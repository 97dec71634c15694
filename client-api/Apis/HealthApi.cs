using BkMonitor.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>GET /healthz</c>: one entry per dependency (runtime, each storage provider, ...).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", GetHealthAsync)
            .WithName("GetHealth")
            .WithSummary("Health of the runtime and each dependency")
            .WithDescription("Returns `{status, checks: [{namespace, status, message, metrics[]}]}`; 503 when any check is failing.");
        return app;
    }

    internal static async Task<JsonHttpResult<HealthResponse>> GetHealthAsync(IEnumerable<IHealthReporter> reporters, CancellationToken cancellationToken)
    {
        var checks = new List<HealthReport>();
        foreach (var reporter in reporters)
        {
            checks.Add(await CheckOneAsync(reporter, cancellationToken));
        }
        var status = checks.Any(c => c.Status == HealthReport.Failing) ? HealthReport.Failing
            : checks.Any(c => c.Status == HealthReport.Degraded) ? HealthReport.Degraded
            : HealthReport.Ok;
        var code = status == HealthReport.Failing ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return TypedResults.Json(new HealthResponse(status, checks), statusCode: code);
    }

    // A reporter that throws or hangs is itself a failing dependency, not a failed health endpoint.
    private static async Task<HealthReport> CheckOneAsync(IHealthReporter reporter, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return await reporter.CheckAsync(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthReport(reporter.Namespace, HealthReport.Failing, ex.Message, []);
        }
    }
}

public sealed record HealthResponse(string Status, IReadOnlyList<HealthReport> Checks);
