using System.Text.Json;
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
        group.MapPost("/clusters", RegisterAsync)
            .WithName("RegisterBcsCluster")
            .WithSummary("Register a BCS cluster by hand")
            .WithDescription("Body `{cluster_id, bk_biz_id, project_id, tenant_id?, is_federated?}` → 201 with the cluster: its six data " +
                "sources are created and the DataID resources written (status `init_failed` when the cluster's Kubernetes API refused " +
                "them; discovery retries). 409 when the cluster is registered already.");
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

    internal static async Task<Created<BcsClusterView>> RegisterAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var document = await JsonBody.ReadAsync(request, cancellationToken);
        var body = JsonBody.RequireObject(document, "a BCS cluster");
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var clusterId = Text(body, "cluster_id", errors);
        var projectId = Text(body, "project_id", errors);
        var tenantId = body.TryGetProperty("tenant_id", out var tenant) && tenant.ValueKind == JsonValueKind.String ? tenant.GetString()! : "system";
        if (!body.TryGetProperty("bk_biz_id", out var biz) || biz.ValueKind != JsonValueKind.Number || !biz.TryGetInt32(out var bkBizId) || bkBizId <= 0)
        {
            errors["bk_biz_id"] = ["required: a positive integer business id"];
            bkBizId = 0;
        }
        var isFederated = body.TryGetProperty("is_federated", out var federated) && federated.ValueKind == JsonValueKind.True;
        if (errors.Count > 0) throw new ValidationFailedException(errors, "The BCS cluster has invalid fields.");

        var listing = new BcsClusterListing { TenantId = tenantId, BkBizId = bkBizId, ProjectId = projectId, IsFederated = isFederated };
        var result = await grains.GetGrain<IBcsDiscoveryGrain>(IBcsDiscoveryGrain.GlobalKey).RegisterAsync(clusterId, listing);
        return result switch
        {
            { Cluster: { } view } => TypedResults.Created($"/api/v1/bcs/clusters/{view.ClusterId}", view),
            { IsDuplicate: true } => throw new ResourceConflictException(result.Error!),
            _ => throw ValidationFailedException.For("cluster_id", result.Error ?? "the cluster was not registered"),
        };
    }

    internal static async Task<Ok<BcsClusterView>> GetAsync(string cluster_id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IBcsClusterGrain>(cluster_id).GetAsync()
            ?? throw new ResourceNotFoundException($"BCS cluster '{cluster_id}' is not registered."));

    internal static async Task<Ok<BcsDiscoveryReport>> DiscoverAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IBcsDiscoveryGrain>(IBcsDiscoveryGrain.GlobalKey).DiscoverAsync());

    private static string Text(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text) return text;
        errors[name] = ["required: a non-empty string"];
        return "";
    }
}

/// <summary>Registered BCS clusters.</summary>
public sealed record BcsClusterList(IReadOnlyList<BcsClusterView> Items, int Total);
