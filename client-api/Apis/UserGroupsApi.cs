using BkMonitor.ClientApi.Auth;
using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>/api/v1/user_groups</c>: create and read notice user groups (admin token).</summary>
public static class UserGroupsApi
{
    public static IEndpointRouteBuilder MapUserGroupsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/user_groups").RequireAdminToken().WithTags("Actions");
        group.MapPost("/", CreateAsync)
            .WithName("CreateUserGroup")
            .WithSummary("Create a user group")
            .WithDescription("`{name, bk_biz_id, users[], notice_ways: {level: [ways]}, wxwork_bot_webhook_url?, mail_addresses?}`; the id is assigned.");
        group.MapGet("/{id:int}", GetAsync)
            .WithName("GetUserGroup")
            .WithSummary("Read a user group");
        return app;
    }

    internal static async Task<Created<UserGroup>> CreateAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var body = await RegistryBody.ReadAsync<UserGroup>(request, "a user group", cancellationToken);
        var result = await grains.GetGrain<IActionRegistryGrain>(IActionRegistryGrain.GlobalKey).AddUserGroupAsync(body);
        RegistryBody.ThrowIfInvalid(result);
        return TypedResults.Created($"/api/v1/user_groups/{result.Group!.Id}", result.Group);
    }

    internal static async Task<Ok<UserGroup>> GetAsync(int id, IGrainFactory grains) =>
        await grains.GetGrain<IActionRegistryGrain>(IActionRegistryGrain.GlobalKey).GetUserGroupAsync(id) is { } group
            ? TypedResults.Ok(group)
            : throw new ResourceNotFoundException($"User group {id} does not exist.");
}
