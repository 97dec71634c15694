using BkMonitor.ClientApi.Auth;
using BkMonitor.Runtime.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary>Cluster state for the dashboard: silos and activations per grain type.</summary>
public static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cluster").WithTags("Cluster").RequireAdminToken();
        group.MapGet("/silos", GetSilosAsync)
            .WithSummary("Silos of the cluster")
            .WithDescription("Each silo with its address, status, roles and (for silos of this process) activation count.");
        group.MapGet("/grains", GetGrainsAsync)
            .WithSummary("Activations per grain type and silo");
        return app;
    }

    internal static async Task<Ok<SilosResponse>> GetSilosAsync(IClusterManagement management, CancellationToken cancellationToken)
    {
        var silos = await management.GetSilosAsync(cancellationToken);
        return TypedResults.Ok(new SilosResponse(silos.Select(s => new SiloView(
            s.Address.ToString(), s.Name, s.Status.ToString(), s.Roles, s.ActivationCount)).ToList()));
    }

    internal static async Task<Ok<GrainsResponse>> GetGrainsAsync(IClusterManagement management, CancellationToken cancellationToken)
    {
        var counts = await management.GetActivationCountsAsync(cancellationToken);
        return TypedResults.Ok(new GrainsResponse(counts.Select(c => new GrainCountView(c.GrainType, c.Silo.ToString(), c.Count)).ToList()));
    }
}

public sealed record SilosResponse(IReadOnlyList<SiloView> Items);

public sealed record SiloView(string Address, string Name, string Status, IReadOnlyList<string> Roles, int? ActivationCount);

public sealed record GrainsResponse(IReadOnlyList<GrainCountView> Items);

public sealed record GrainCountView(string GrainType, string Silo, int Count);
