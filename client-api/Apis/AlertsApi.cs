using System.Globalization;
using System.Text.Json;
using BkMonitor.ClientApi.Auth;
using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.GrainInterfaces.Alerts;
using AlertSnapshot = BkMonitor.GrainInterfaces.Alerts.AlertSnapshot;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>/api/v1/alerts</c>: search alerts, read one, ack or close it, list its actions (admin token).</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/alerts").RequireAdminToken().WithTags("Alerts");
        group.MapGet("/", SearchAsync)
            .WithName("SearchAlerts")
            .WithSummary("Search alerts")
            .WithDescription($"`?bk_biz_id=&status=ABNORMAL|RECOVERED|CLOSED&strategy_id=&start_time=&end_time=&page=&page_size=` → " +
                $"`{{items, total, page, page_size}}`, newest first. The time range (epoch s) keeps alerts overlapping it. page_size 1..{QueryParameters.MaxPageSize}.");
        group.MapGet("/{id}", GetAsync)
            .WithName("GetAlert")
            .WithSummary("Read an alert")
            .WithDescription("The alert document with its top event; 404 for an unknown id.");
        group.MapPost("/{id}/ack", AckAsync)
            .WithName("AckAlert")
            .WithSummary("Acknowledge an alert")
            .WithDescription("Body `{message}`. 404 unknown id; 409 when the alert has ended or is already acknowledged.");
        group.MapPost("/{id}/close", CloseAsync)
            .WithName("CloseAlert")
            .WithSummary("Close an alert")
            .WithDescription("Body `{message}`. 404 unknown id; 409 when the alert has already ended.");
        group.MapGet("/{id}/actions", ActionsAsync)
            .WithName("ListAlertActions")
            .WithSummary("List an alert's action instances")
            .WithDescription("`{id, plugin_type, signal, status, create_time, end_time, attempts, ...}` per action run.");
        return app;
    }

    internal static async Task<Ok<AlertPage>> SearchAsync(
        IGrainFactory grains,
        [FromQuery(Name = "bk_biz_id")] string? bkBizId,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "strategy_id")] string? strategyId,
        [FromQuery(Name = "start_time")] string? startTime,
        [FromQuery(Name = "end_time")] string? endTime,
        [FromQuery(Name = "page")] string? page,
        [FromQuery(Name = "page_size")] string? pageSize)
    {
        var query = new AlertQuery
        {
            BkBizId = QueryParameters.ParseLong("bk_biz_id", bkBizId),
            Status = ParseStatus(status),
            StrategyId = QueryParameters.ParseLong("strategy_id", strategyId),
            StartTime = QueryParameters.ParseLong("start_time", startTime, 0, long.MaxValue),
            EndTime = QueryParameters.ParseLong("end_time", endTime, 0, long.MaxValue),
            Page = (int)(QueryParameters.ParseLong("page", page, 1, int.MaxValue) ?? 1),
            PageSize = (int)(QueryParameters.ParseLong("page_size", pageSize, 1, QueryParameters.MaxPageSize) ?? QueryParameters.DefaultPageSize),
        };
        if (query.StartTime > query.EndTime) throw ValidationFailedException.For("end_time", "must not be before start_time");
        return TypedResults.Ok(await grains.GetGrain<IAlertSearchGrain>(0).SearchAsync(query));
    }

    internal static async Task<Ok<AlertSnapshot>> GetAsync(string id, IGrainFactory grains)
    {
        var alert = await (await AlertGrainOf(id, grains)).GetAsync(id);
        return alert is null ? throw NotFound(id) : TypedResults.Ok(alert);
    }

    internal static async Task<Ok<AlertSnapshot>> AckAsync(string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var message = await MessageAsync(request, cancellationToken);
        return Done(await (await AlertGrainOf(id, grains)).AckAsync(id, message));
    }

    internal static async Task<Ok<AlertSnapshot>> CloseAsync(string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var message = await MessageAsync(request, cancellationToken);
        return Done(await (await AlertGrainOf(id, grains)).CloseAsync(id, message));
    }

    internal static async Task<Ok<IReadOnlyList<ActionInstance>>> ActionsAsync(string id, IGrainFactory grains)
    {
        if (await (await AlertGrainOf(id, grains)).GetAsync(id) is null) throw NotFound(id);
        return TypedResults.Ok(await grains.GetGrain<IActionGrain>(id).ListAsync());
    }

    // The index maps alert ids to their dedupe key; an id it does not know is a 404.
    private static async Task<IAlertGrain> AlertGrainOf(string id, IGrainFactory grains) =>
        await grains.GetGrain<IAlertSearchGrain>(0).AlertGrainKeyOfAsync(id) is { } key ? grains.GetGrain<IAlertGrain>(key) : throw NotFound(id);

    private static Ok<AlertSnapshot> Done(AlertCommandResult result) => result.Outcome switch
    {
        AlertCommandOutcome.Done => TypedResults.Ok(result.Alert!),
        AlertCommandOutcome.NotFound => throw new ResourceNotFoundException(result.Message),
        _ => throw new ResourceConflictException(result.Message),
    };

    private static async Task<string?> MessageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0) return null;
        using var document = await JsonBody.ReadAsync(request, cancellationToken);
        var body = JsonBody.RequireObject(document, "{message}");
        if (!body.TryGetProperty("message", out var message) || message.ValueKind == JsonValueKind.Null) return null;
        return message.ValueKind == JsonValueKind.String
            ? message.GetString()
            : throw ValidationFailedException.For("message", "must be a string");
    }

    private static ResourceNotFoundException NotFound(string id) => new($"Alert {id} does not exist.");

    private static AlertStatus? ParseStatus(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return text.ToUpperInvariant() switch
        {
            "ABNORMAL" => AlertStatus.Abnormal,
            "RECOVERED" => AlertStatus.Recovered,
            "CLOSED" => AlertStatus.Closed,
            _ => throw ValidationFailedException.For("status", $"must be ABNORMAL, RECOVERED or CLOSED, got '{text}'"),
        };
    }
}
