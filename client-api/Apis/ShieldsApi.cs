using BkMonitor.ClientApi.Auth;
using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.Shields;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>/api/v1/shields</c>: create, list, read and delete alarm shields (ALARM-SPEC §9; admin token).</summary>
public static class ShieldsApi
{
    public static IEndpointRouteBuilder MapShieldsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/shields").RequireAdminToken().WithTags("Shields");
        group.MapPost("/", CreateAsync)
            .WithName("CreateShield")
            .WithSummary("Create a shield")
            .WithDescription("`{bk_biz_id, category: scope|strategy|alert|dimension, scope_type?, begin_time, end_time, cycle_config: {type: 1 single|2 daily|3 weekly|4 monthly, " +
                "begin_time, end_time (HH:MM:SS), week_list (Monday = 1), day_list}, dimension_config, description}`; times are epoch seconds, cycles are read " +
                "in the business's time zone. The id is assigned; 400 with `errors` keyed by field for invalid shields. Shielded alerts get no notices; " +
                "when the shield ends, the held notice goes out.");
        group.MapGet("/", ListAsync)
            .WithName("ListShields")
            .WithSummary("List shields")
            .WithDescription($"`?bk_biz_id=&status=active|expired&page=&page_size=` → `{{items, total}}`, ordered by id; active means enabled, not deleted " +
                $"and not past end_time; page from 1, page_size 1..{QueryParameters.MaxPageSize} (default {QueryParameters.DefaultPageSize}).");
        group.MapGet("/{id:long}", GetAsync)
            .WithName("GetShield")
            .WithSummary("Read a shield");
        group.MapDelete("/{id:long}", DeleteAsync)
            .WithName("DeleteShield")
            .WithSummary("Delete (end) a shield")
            .WithDescription("Ends the shield now; it stays readable with `delete_time` and lists as expired. Notices it held go out on the next check (within a minute).");
        return app;
    }

    internal static async Task<Created<ShieldConfig>> CreateAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var shield = await RegistryBody.ReadAsync<ShieldConfig>(request, "a shield", cancellationToken);
        var result = await Registry(grains).CreateAsync(shield);
        RegistryBody.ThrowIfInvalid(result.Errors);
        return TypedResults.Created($"/api/v1/shields/{result.Shield!.Id}", result.Shield);
    }

    internal static async Task<Ok<ShieldListResponse>> ListAsync(
        IGrainFactory grains,
        [FromQuery(Name = "bk_biz_id")] string? bkBizId,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "page")] string? page,
        [FromQuery(Name = "page_size")] string? pageSize)
    {
        if (status is { Length: > 0 } and not (ShieldQuery.Active or ShieldQuery.Expired))
        {
            throw ValidationFailedException.For("status", $"must be '{ShieldQuery.Active}' or '{ShieldQuery.Expired}', got '{status}'");
        }
        var biz = QueryParameters.ParseLong("bk_biz_id", bkBizId);
        var pageNumber = QueryParameters.ParseInt("page", page, 1) ?? 1;
        var size = QueryParameters.ParseInt("page_size", pageSize, 1, QueryParameters.MaxPageSize) ?? QueryParameters.DefaultPageSize;
        var listed = await Registry(grains).ListAsync(new ShieldQuery(biz, string.IsNullOrEmpty(status) ? null : status, pageNumber, size));
        return TypedResults.Ok(new ShieldListResponse(listed.Items, listed.Total, pageNumber, size));
    }

    internal static async Task<Ok<ShieldConfig>> GetAsync(long id, IGrainFactory grains) =>
        await Registry(grains).GetAsync(id) is { } shield ? TypedResults.Ok(shield) : throw NotFound(id);

    internal static async Task<NoContent> DeleteAsync(long id, IGrainFactory grains) =>
        await Registry(grains).DeleteAsync(id) is not null ? TypedResults.NoContent() : throw NotFound(id);

    private static IShieldRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IShieldRegistryGrain>(IShieldRegistryGrain.GlobalKey);

    private static ResourceNotFoundException NotFound(long id) => new($"Shield {id} does not exist.");
}

/// <summary>One page of shields and how many match the query in total.</summary>
public sealed record ShieldListResponse(IReadOnlyList<ShieldConfig> Items, int Total, int Page, int PageSize);
