using System.Text.Json;
using BkMonitor.ClientApi.Auth;
using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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
        group.MapGet("/{bk_data_id:int}", GetAsync)
            .WithName("GetDataSource")
            .WithSummary("Read a data source with its result tables");
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

    internal static async Task<Ok<DataSourceInfo>> GetAsync(int bk_data_id, IGrainFactory grains)
    {
        var info = await grains.GetGrain<IDataSourceGrain>(bk_data_id).GetAsync();
        return info is null ? throw new ResourceNotFoundException($"Data source {bk_data_id} does not exist.") : TypedResults.Ok(info);
    }
}

/// <summary>What a client needs to push data: the data id, its token and the table the data lands in.</summary>
public sealed record DataSourceCreated(int BkDataId, string AccessToken, string ResultTableId, int BkBizId, string DataName)
{
    public static DataSourceCreated From(DataSourceInfo info) =>
        new(info.BkDataId, info.AccessToken, info.ResultTables.Count > 0 ? info.ResultTables[0].TableId : "", info.BkBizId, info.DataName);
}
