using BkMonitor.ClientApi.Auth;
using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using System.Text.Json;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>/api/v1/storage_clusters</c>: where result tables are stored (admin token). Passwords and SSL keys go in, never out.</summary>
public static class StorageClustersApi
{
    public static IEndpointRouteBuilder MapStorageClustersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/storage_clusters").RequireAdminToken().WithTags("Storage clusters");
        group.MapPost("/", CreateAsync)
            .WithName("CreateStorageCluster")
            .WithSummary("Register a storage cluster")
            .WithDescription("Body: ClusterInfo fields (cluster_name, cluster_type, domain_name, port, is_default_cluster, username, password, " +
                "schema, ssl settings, label, registered_system) → 201 without secrets (`has_password`). A new default unsets the previous " +
                "default of the same cluster_type; new result tables go to the default of their storage type.");
        group.MapGet("/", ListAsync)
            .WithName("ListStorageClusters")
            .WithSummary("List storage clusters, optionally `?cluster_type=`");
        group.MapGet("/{cluster_id:int}", GetAsync).WithName("GetStorageCluster").WithSummary("Read a storage cluster");
        group.MapPut("/{cluster_id:int}", ReplaceAsync)
            .WithName("ReplaceStorageCluster")
            .WithSummary("Replace a storage cluster's settings")
            .WithDescription("An absent password or ssl_certificate_key keeps the stored one; an empty string clears it.");
        group.MapDelete("/{cluster_id:int}", DeleteAsync).WithName("DeleteStorageCluster").WithSummary("Remove a storage cluster");
        return app;
    }

    internal static async Task<Created<ClusterInfoView>> CreateAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var cluster = await ReadClusterAsync(request, cancellationToken);
        var view = Stored(await Registry(grains).RegisterAsync(cluster), 0);
        return TypedResults.Created($"/api/v1/storage_clusters/{view.ClusterId}", view);
    }

    internal static async Task<Ok<StorageClusterList>> ListAsync(IGrainFactory grains, [FromQuery(Name = "cluster_type")] string? clusterType)
    {
        var items = await Registry(grains).ListAsync(string.IsNullOrEmpty(clusterType) ? null : clusterType);
        return TypedResults.Ok(new StorageClusterList(items, items.Count));
    }

    internal static async Task<Ok<ClusterInfoView>> GetAsync(int cluster_id, IGrainFactory grains) =>
        TypedResults.Ok(await Registry(grains).GetAsync(cluster_id) ?? throw NotFound(cluster_id));

    internal static async Task<Ok<ClusterInfoView>> ReplaceAsync(int cluster_id, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var cluster = await ReadClusterAsync(request, cancellationToken);
        return TypedResults.Ok(Stored(await Registry(grains).UpdateAsync(cluster_id, cluster), cluster_id));
    }

    internal static async Task<NoContent> DeleteAsync(int cluster_id, IGrainFactory grains) =>
        await Registry(grains).DeleteAsync(cluster_id) ? TypedResults.NoContent() : throw NotFound(cluster_id);

    private static IStorageClusterRegistryGrain Registry(IGrainFactory grains) =>
        grains.GetGrain<IStorageClusterRegistryGrain>(IStorageClusterRegistryGrain.GlobalKey);

    private static async Task<ClusterInfo> ReadClusterAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var document = await JsonBody.ReadAsync(request, cancellationToken);
        var body = JsonBody.RequireObject(document, "a storage cluster");
        return body.Deserialize<ClusterInfo>() ?? new ClusterInfo();
    }

    private static ClusterInfoView Stored(StorageClusterResult result, int clusterId) => result switch
    {
        { NotFound: true } => throw NotFound(clusterId),
        { Errors.Count: > 0 } => throw new ValidationFailedException(result.Errors, "The storage cluster has invalid fields."),
        { Cluster: { } view } => view,
        _ => throw new InvalidOperationException("the registry returned neither a cluster nor errors"),
    };

    private static ResourceNotFoundException NotFound(int clusterId) => new($"Storage cluster {clusterId} does not exist.");
}

/// <summary>Storage clusters without secrets.</summary>
public sealed record StorageClusterList(IReadOnlyList<ClusterInfoView> Items, int Total);
