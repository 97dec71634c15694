using System.Globalization;
using System.Text.Json;
using BkMonitor.ClientApi.Auth;
using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>/api/v1/strategies</c>: create, list, read, replace and delete alarm strategies (admin token).</summary>
public static class StrategiesApi
{
    public static IEndpointRouteBuilder MapStrategiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/strategies").RequireAdminToken().WithTags("Strategies");
        group.MapPost("/", CreateAsync)
            .WithName("CreateStrategy")
            .WithSummary("Create a strategy")
            .WithDescription("Body: a strategy as in bk-monitor (ALARM-SPEC §1). The id is assigned when absent. Every field is " +
                "validated (unknown fields, types, algorithm configs, levels, windows); errors come back as 400 with " +
                "`errors` keyed by JSON path such as `items[0].algorithms[1].config`. 409 when the given id exists. " +
                "Access starts at once: a reminder every `interval` and real-time access for pushed data.");
        group.MapGet("/", ListAsync)
            .WithName("ListStrategies")
            .WithSummary("List strategies")
            .WithDescription($"`?bk_biz_id=&page=&page_size=` → `{{items, total}}`, ordered by id; page from 1, page_size 1..{QueryParameters.MaxPageSize} (default {QueryParameters.DefaultPageSize}).");
        group.MapGet("/{id:long}", GetAsync)
            .WithName("GetStrategy")
            .WithSummary("Read a strategy");
        group.MapPut("/{id:long}", ReplaceAsync)
            .WithName("ReplaceStrategy")
            .WithSummary("Replace a strategy")
            .WithDescription("Validated like create; the new config takes effect at once (schedule, routes, detect and trigger settings).");
        group.MapDelete("/{id:long}", DeleteAsync)
            .WithName("DeleteStrategy")
            .WithSummary("Delete a strategy")
            .WithDescription("Stops its access at once.");
        return app;
    }

    internal static async Task<Created<Strategy>> CreateAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var document = await JsonBody.ReadAsync(request, cancellationToken);
        var body = JsonBody.RequireObject(document, "a strategy");
        var id = RequestedId(body) ?? await grains.GetGrain<IStrategyCatalogGrain>(IStrategyCatalogGrain.GlobalKey).AllocateIdAsync();
        var result = await grains.GetGrain<IStrategyGrain>(id).SaveAsync(body, StrategySaveMode.Create);
        return TypedResults.Created($"/api/v1/strategies/{id}", Stored(result));
    }

    internal static async Task<Ok<StrategyListResponse>> ListAsync(
        IGrainFactory grains,
        [FromQuery(Name = "bk_biz_id")] string? bkBizId,
        [FromQuery(Name = "page")] string? page,
        [FromQuery(Name = "page_size")] string? pageSize)
    {
        var biz = QueryParameters.ParseLong("bk_biz_id", bkBizId);
        var pageNumber = (int)(QueryParameters.ParseLong("page", page, 1, int.MaxValue) ?? 1);
        var size = (int)(QueryParameters.ParseLong("page_size", pageSize, 1, QueryParameters.MaxPageSize) ?? QueryParameters.DefaultPageSize);
        var ids = await grains.GetGrain<IStrategyCatalogGrain>(IStrategyCatalogGrain.GlobalKey).ListAsync(biz, pageNumber, size);
        var strategies = await Task.WhenAll(ids.Ids.Select(id => grains.GetGrain<IStrategyGrain>(id).GetAsync()));
        var items = strategies.Where(s => s is not null).Select(s => s!).ToList();
        return TypedResults.Ok(new StrategyListResponse(items, ids.Total, pageNumber, size));
    }

    internal static async Task<Ok<Strategy>> GetAsync(long id, IGrainFactory grains)
    {
        var strategy = await grains.GetGrain<IStrategyGrain>(id).GetAsync();
        return strategy is null ? throw new ResourceNotFoundException($"Strategy {id} does not exist.") : TypedResults.Ok(strategy);
    }

    internal static async Task<Ok<Strategy>> ReplaceAsync(long id, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var document = await JsonBody.ReadAsync(request, cancellationToken);
        var body = JsonBody.RequireObject(document, "a strategy");
        var result = await grains.GetGrain<IStrategyGrain>(id).SaveAsync(body, StrategySaveMode.Replace);
        return TypedResults.Ok(Stored(result));
    }

    internal static async Task<NoContent> DeleteAsync(long id, IGrainFactory grains) =>
        await grains.GetGrain<IStrategyGrain>(id).DeleteAsync()
            ? TypedResults.NoContent()
            : throw new ResourceNotFoundException($"Strategy {id} does not exist.");

    /// <summary>A positive <c>id</c> in the body, null when absent or 0 (then one is allocated).</summary>
    private static long? RequestedId(JsonElement body)
    {
        if (!body.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null) return null;
        if (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var value) && value >= 0) return value == 0 ? null : value;
        throw ValidationFailedException.For("id", "must be a positive integer, or absent to have one assigned");
    }

    private static Strategy Stored(StrategySaveResult result) => result.Status switch
    {
        StrategySaveStatus.Created or StrategySaveStatus.Updated => result.Strategy!,
        StrategySaveStatus.Invalid => throw new ValidationFailedException(result.Errors, result.Message),
        StrategySaveStatus.Conflict => throw new ResourceConflictException(result.Message),
        StrategySaveStatus.NotFound => throw new ResourceNotFoundException(result.Message),
        _ => throw new InvalidOperationException($"unexpected save status {result.Status}"),
    };
}

/// <summary>One page of strategies and how many match the query in total.</summary>
public sealed record StrategyListResponse(IReadOnlyList<Strategy> Items, int Total, int Page, int PageSize);
