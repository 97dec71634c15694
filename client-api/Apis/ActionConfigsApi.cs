using BkMonitor.ClientApi.Auth;
using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>/api/v1/action_configs</c>: create and read action configs (admin token).</summary>
public static class ActionConfigsApi
{
    public static IEndpointRouteBuilder MapActionConfigsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/action_configs").RequireAdminToken().WithTags("Actions");
        group.MapPost("/", CreateAsync)
            .WithName("CreateActionConfig")
            .WithSummary("Create an action config")
            .WithDescription("`{name, bk_biz_id, plugin_type: webhook|notice|…, execute_config}`; webhook: `{url, method, headers, body_template?, timeout?, retries?}`. " +
                "The id is assigned; 400 with `errors` keyed by field for invalid configs.");
        group.MapGet("/{id:int}", GetAsync)
            .WithName("GetActionConfig")
            .WithSummary("Read an action config");
        return app;
    }

    internal static async Task<Created<ActionConfig>> CreateAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var config = await RegistryBody.ReadAsync<ActionConfig>(request, "an action config", cancellationToken);
        var result = await grains.GetGrain<IActionRegistryGrain>(IActionRegistryGrain.GlobalKey).AddActionConfigAsync(config);
        RegistryBody.ThrowIfInvalid(result);
        return TypedResults.Created($"/api/v1/action_configs/{result.Config!.Id}", result.Config);
    }

    internal static async Task<Ok<ActionConfig>> GetAsync(int id, IGrainFactory grains) =>
        await grains.GetGrain<IActionRegistryGrain>(IActionRegistryGrain.GlobalKey).GetActionConfigAsync(id) is { } config
            ? TypedResults.Ok(config)
            : throw new ResourceNotFoundException($"Action config {id} does not exist.");
}
