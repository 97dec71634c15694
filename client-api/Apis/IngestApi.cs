using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.TimeSeries;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>POST /v2/push/</c>: bk-monitor's custom time-series report, authenticated by the data source's token.</summary>
public static class IngestApi
{
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/push/", PushAsync)
            .WithName("PushCustomReport")
            .WithTags("Ingest")
            .WithSummary("Push custom time series")
            .WithDescription("Body `{data_id, access_token, data: [{metrics: {name: value}, target, dimension: {k: v}, timestamp}]}`, " +
                "timestamp in epoch milliseconds. All or nothing: one invalid point (not a finite number, more than 10 minutes " +
                "in the future, older than the store's retention, the same metric/dimensions/timestamp twice) rejects the " +
                "whole report with 400 and `errors` by point path. 404 unknown data_id, 401 wrong access_token, 403 disabled " +
                "data source, 413 for more than 100000 metric values or a body over the gateway limit (16 MiB by default). " +
                "Accepted points are evaluated at once by the strategies reading the table, on the data's own timestamps.");
        return app;
    }

    internal static async Task<Results<Ok<PushAccepted>, ProblemHttpResult>> PushAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var document = await JsonBody.ReadAsync(request, cancellationToken);
        var body = JsonBody.RequireObject(document, "a custom report");
        var result = await grains.GetGrain<IIngestGrain>(0).PushAsync(body);
        return result.Status switch
        {
            IngestStatus.Accepted => TypedResults.Ok(new PushAccepted(true, "success", result.Accepted, result.Strategies)),
            IngestStatus.Invalid => throw new ValidationFailedException(result.Errors, result.Message),
            IngestStatus.UnknownDataId => throw new ResourceNotFoundException(result.Message),
            // The handler answers these itself: the shared exception mapping has no 401/403 of its own.
            IngestStatus.Unauthorized => TypedResults.Problem(title: "Unauthorized", detail: result.Message, statusCode: StatusCodes.Status401Unauthorized),
            IngestStatus.Disabled => TypedResults.Problem(title: "Forbidden", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
            IngestStatus.TooLarge => throw new BadHttpRequestException(result.Message, StatusCodes.Status413PayloadTooLarge),
            _ => throw new InvalidOperationException($"unexpected ingest status {result.Status}"),
        };
    }
}

/// <summary>bk-monitor's success answer, plus how many values were stored and how many strategies were told.</summary>
public sealed record PushAccepted(bool Result, string Message, int Accepted, int Strategies);
