using BkMonitor.ClientApi.Auth;
using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.Bcs;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>/api/v1/bcs</c>: registered BCS clusters and on-demand discovery (admin token).</summary>
public static class BcsApi
{
    public static IEndpointRouteBuilder MapBcsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/bcs").RequireAdminToken().WithTags("BCS");
        group.MapGet("/clusters", ListAsync)
            .WithName("ListBcsClusters")
            .WithSummary("Registered BCS clusters with their six data ids and status");
        group.MapGet("/clusters/{cluster_id}", GetAsync)
            .WithName("GetBcsCluster")
            .WithSummary("One registered BCS cluster");
        group.MapPost("/discover", DiscoverAsync)
            .WithName("DiscoverBcsClusters")
            .WithSummary("Run BCS discovery now")
            .WithDescription("→ `{registered, refreshed, deleted, failed, error}`; `error` is set (and nothing changed) when the BCS API " +
                "is unreachable, answers an error or garbage, or discovery is not configured.");
        return app;
    }

    internal static async Task<Ok<BcsClusterList>> ListAsync(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<IBcsDiscoveryGrain>(IBcsDiscoveryGrain.GlobalKey).ClusterIdsAsync();
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IBcsClusterGrain>(id).GetAsync()));
        var items = views.Where(v => v is not null).Select(v => v!).OrderBy(v => v.ClusterId, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new BcsClusterList(items, items.Count));
    }

    internal static async Task<Ok<BcsClusterView>> GetAsync(string cluster_id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IBcsClusterGrain>(cluster_id).GetAsync()
            ?? throw new ResourceNotFoundException($"BCS cluster '{cluster_id}' is not registered."));

    internal static async Task<Ok<BcsDiscoveryReport>> DiscoverAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IBcsDiscoveryGrain>(IBcsDiscoveryGrain.GlobalKey).DiscoverAsync());
}

/// <summary>Registered BCS clusters.</summary>
public sealed record BcsClusterList(IReadOnlyList<BcsClusterView> Items, int Total);
