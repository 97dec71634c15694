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
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status >= 500)
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
        _ => Problem(500, "Internal error", "An unexpected error occurred; it has been logged."),
    };

    private static ProblemDetails Problem(int status, string title, string detail)
        => new() { Status = status, Title = title, Detail = detail };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
