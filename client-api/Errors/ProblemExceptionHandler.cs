using System.Text.Json;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace BkMonitor.ClientApi.Errors;

/// <summary>
/// Maps exceptions to RFC 7807 responses: bad input never becomes a 500. Anything unmapped is a bug,
/// logged with its trace id and answered 500 without internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) before retrying a 503.</summary>
    internal const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status == 503)
        {
            // The cause (which node, which endpoint) goes to the log only; the client gets the kind and when to retry.
            LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails Map(Exception exception) => exception switch
    {
        ValidationFailedException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(k => k.Key, k => k.Value))
        {
            Status = 400,
            Title = "Validation failed",
            Detail = v.Message,
        },
        BadHttpRequestException { StatusCode: 413 } => Problem(413, "Payload too large", exception.Message),
        BadHttpRequestException b when b.InnerException is JsonException j => Problem(400, "Malformed JSON", j.Message),
        BadHttpRequestException b => Problem(b.StatusCode, "Bad request", b.Message),
        JsonException j => Problem(400, "Malformed JSON", j.Message),
        ResourceNotFoundException n => Problem(404, "Not found", n.Message),
        ResourceConflictException c => Problem(409, "Conflict", c.Message),
        InconsistentStateException => Problem(409, "Conflict", "The resource was changed concurrently; read it again and retry."),
        GrainCallTimeoutException t => Problem(503, "Service unavailable", t.Message),
        SiloUnavailableException s => Problem(503, "Service unavailable", s.Message),
        OperationCanceledException => Problem(499, "Client closed request", "The request was cancelled."),
        _ when Unavailable(exception) is { } d => Problem(503, "Service unavailable", $"A service this request needs ({d.Dependency}) is unavailable or overloaded; retry later."),
        _ => Problem(500, "Internal error", "An unexpected error occurred; it has been logged."),
    };

    // A provider's exception may arrive wrapped (an activation that failed reading its state, an aggregate).
    private static DependencyUnavailableException? Unavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e.InnerException)
        {
            if (e is DependencyUnavailableException d) return d;
        }
        return null;
    }

    private static ProblemDetails Problem(int status, string title, string detail)
        => new() { Status = status, Title = title, Detail = detail };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service unavailable on {Method} {Path}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
