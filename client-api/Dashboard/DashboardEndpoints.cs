using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Dashboard;

/// <summary>
/// <c>/dashboard/</c>: a static page (embedded in this assembly) that shows health, silos, activations per grain
/// type and open alerts from the REST API, with ack and close. The page itself is public; every data call it
/// makes carries the admin token the user enters.
/// </summary>
public static class DashboardEndpoints
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var assets = LoadAssets();
        // Routing ignores a trailing slash, so "/dashboard" and "/dashboard/" both land here; the page's relative
        // asset links need the slash.
        app.MapGet("/dashboard/{file?}", (string? file, HttpContext context) => file is null && !context.Request.Path.Value!.EndsWith('/')
                ? Results.Redirect("/dashboard/", permanent: true)
                : Serve(assets, file ?? "index.html", context))
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(IReadOnlyDictionary<string, byte[]> assets, string file, HttpContext context)
    {
        if (!assets.TryGetValue(file, out var content)) return Results.NotFound();
        // The page builds its DOM with textContent only and loads nothing from elsewhere.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(content, ContentTypes[file]);
    }

    private static Dictionary<string, byte[]> LoadAssets()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var assets = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in ContentTypes.Keys)
        {
            using var stream = assembly.GetManifestResourceStream("dashboard/" + name)
                ?? throw new InvalidOperationException($"dashboard asset {name} is not embedded in {assembly.GetName().Name}");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            assets[name] = copy.ToArray();
        }
        return assets;
    }
}
