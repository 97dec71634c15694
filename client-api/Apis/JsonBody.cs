using System.Text.Json;
using BkMonitor.ClientApi.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.ClientApi.Apis;

/// <summary>
/// Reads a request body as one JSON document with the gateway's size limit enforced here too (test hosts
/// and proxies may not enforce it): too large → 413, not JSON → 400, both as problem+json.
/// </summary>
internal static class JsonBody
{
    public static async Task<JsonDocument> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = request.HttpContext.RequestServices.GetService<GatewayOptions>()?.MaxRequestBodyBytes ?? new GatewayOptions().MaxRequestBodyBytes;
        if (request.ContentLength is { } length && length > limit) throw TooLarge(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(limit);
            buffer.Write(chunk, 0, read);
        }
        return JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>The body as an object, or a 400 naming what it is instead.</summary>
    public static JsonElement RequireObject(JsonDocument document, string what)
    {
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object
            ? root
            : throw Errors.ValidationFailedException.For("$", $"The body must be a JSON object ({what}), not {root.ValueKind.ToString().ToLowerInvariant()}.");
    }

    private static BadHttpRequestException TooLarge(long limit) =>
        new($"The request body is larger than {limit} bytes; split it into smaller requests.", StatusCodes.Status413PayloadTooLarge);
}
