using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.ClientApi.Auth;

/// <summary>Endpoint filters enforcing <c>Authorization: Bearer &lt;token&gt;</c> (401 problem+json otherwise).</summary>
public static class BearerAuth
{
    /// <summary>Requires the admin token on every endpoint of the group.</summary>
    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var store = context.HttpContext.RequestServices.GetRequiredService<AdminTokenStore>();
            var token = ReadBearer(context.HttpContext.Request);
            if (token is null)
            {
                return Unauthorized("Missing bearer token: send 'Authorization: Bearer <token>'.");
            }
            return store.Matches(token) ? await next(context) : Unauthorized("The bearer token is not valid.");
        });
        return builder;
    }

    public static string? ReadBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length
            ? header[prefix.Length..].Trim()
            : null;
    }

    private static IResult Unauthorized(string detail)
        => TypedResults.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
}
