using System.Globalization;
using System.Text.Json;
using BkMonitor.ClientApi.Auth;
using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>/api/v1/data_sources</c>: custom data sources whose data is pushed to <c>/v2/push/</c> (admin token).</summary>
public static class DataSourcesApi
{
    public static IEndpointRouteBuilder MapDataSourcesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/data_sources").RequireAdminToken().WithTags("Data sources");
        group.MapPost("/", CreateAsync)
            .WithName("CreateDataSource")
            .WithSummary("Create a data source")
            .WithDescription("Body `{bk_biz_id, data_name, etl_config, data_type_label}` → 201 `{bk_data_id, access_token, result_table_id}`. " +
                "The data id comes from the user range (1500000 up) and is never reused; time series go to " +
                "`{bk_biz_id}_bkmonitor_time_series_{bk_data_id}.__default__`.");
        group.MapGet("/", ListAsync)
            .WithName("ListDataSources")
            .WithSummary("List data sources")
            .WithDescription($"`?bk_biz_id=&page=&page_size=` → `{{items, total, page, page_size}}` from the catalog index, ordered by id; " +
                $"page from 1, page_size 1..{QueryParameters.MaxPageSize} (default {QueryParameters.DefaultPageSize}). Items carry no token.");
        group.MapGet("/{bk_data_id:int}", GetAsync)
            .WithName("GetDataSource")
            .WithSummary("Read a data source with its result tables and their storage clusters");
        group.MapPost("/{bk_data_id:int}/token", RotateTokenAsync)
            .WithName("RotateDataSourceToken")
            .WithSummary("Replace the access token; the old one is refused from now on");
        group.MapPatch("/{bk_data_id:int}", PatchAsync)
            .WithName("UpdateDataSource")
            .WithSummary("Enable or disable ingest")
            .WithDescription("Body `{is_enabled: bool}`; a disabled data source's pushes are refused with 403.");
        return app;
    }

    internal static async Task<Created<DataSourceCreated>> CreateAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var document = await JsonBody.ReadAsync(request, cancellationToken);
        var body = JsonBody.RequireObject(document, "a data source");
        var create = body.Deserialize<CreateDataSourceRequest>() ?? new CreateDataSourceRequest();
        var allocation = await grains.GetGrain<IDataIdAllocatorGrain>(IDataIdAllocatorGrain.GlobalKey).AllocateAsync(create);
        if (allocation.Errors.Count > 0) throw new ValidationFailedException(allocation.Errors, "The data source has invalid fields.");
        if (allocation.BkDataId is not { } dataId) throw new ResourceConflictException(allocation.Exhausted ?? "No data id is left.");
        var info = await grains.GetGrain<IDataSourceGrain>(dataId).CreateAsync(create);
        return TypedResults.Created($"/api/v1/data_sources/{dataId}", DataSourceCreated.From(info));
    }

    internal static async Task<Ok<DataSourcePage>> ListAsync(
        IGrainFactory grains,
        [FromQuery(Name = "bk_biz_id")] string? bkBizId,
        [FromQuery(Name = "page")] string? page,
        [FromQuery(Name = "page_size")] string? pageSize)
    {
        var biz = QueryParameters.ParseInt("bk_biz_id", bkBizId);
        var pageNumber = QueryParameters.ParseInt("page", page, 1, int.MaxValue) ?? 1;
        var size = QueryParameters.ParseInt("page_size", pageSize, 1, QueryParameters.MaxPageSize) ?? QueryParameters.DefaultPageSize;
        return TypedResults.Ok(await grains.GetGrain<IDataSourceCatalogGrain>(IDataSourceCatalogGrain.GlobalKey).ListAsync(biz, pageNumber, size));
    }

    internal static async Task<Ok<DataSourceInfo>> GetAsync(int bk_data_id, IGrainFactory grains)
    {
        var info = await grains.GetGrain<IDataSourceGrain>(bk_data_id).GetAsync() ?? throw NotFound(bk_data_id);
        var registry = grains.GetGrain<IStorageClusterRegistryGrain>(IStorageClusterRegistryGrain.GlobalKey);
        var tables = new List<ResultTableInfo>(info.ResultTables.Count);
        foreach (var table in info.ResultTables)
        {
            tables.Add(table.StorageClusterId is { } clusterId ? table with { Storage = await registry.GetAsync(clusterId) } : table);
        }
        return TypedResults.Ok(info with { ResultTables = tables });
    }

    internal static async Task<Ok<DataSourceCreated>> RotateTokenAsync(int bk_data_id, IGrainFactory grains)
    {
        var info = await grains.GetGrain<IDataSourceGrain>(bk_data_id).RotateTokenAsync() ?? throw NotFound(bk_data_id);
        return TypedResults.Ok(DataSourceCreated.From(info));
    }

    internal static async Task<Ok<DataSourceInfo>> PatchAsync(int bk_data_id, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var document = await JsonBody.ReadAsync(request, cancellationToken);
        var body = JsonBody.RequireObject(document, "a data source change");
        if (!body.TryGetProperty("is_enabled", out var enabled) || enabled.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw ValidationFailedException.For("is_enabled", "must be true or false");
        }
        var info = await grains.GetGrain<IDataSourceGrain>(bk_data_id).SetEnabledAsync(enabled.GetBoolean()) ?? throw NotFound(bk_data_id);
        return TypedResults.Ok(info);
    }

    /// <summary>An optional integer query parameter within [min, max]; anything else is a 400 naming it.</summary>

    private static ResourceNotFoundException NotFound(int dataId) => new($"Data source {dataId} does not exist.");
}

/// <summary>What a client needs to push data: the data id, its token and the table the data lands in.</summary>
public sealed record DataSourceCreated(int BkDataId, string AccessToken, string ResultTableId, int BkBizId, string DataName)
{
    public static DataSourceCreated From(DataSourceInfo info) =>
        new(info.BkDataId, info.AccessToken, info.ResultTables.Count > 0 ? info.ResultTables[0].TableId : "", info.BkBizId, info.DataName);
}
