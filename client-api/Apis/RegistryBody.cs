using System.Text.Json;
using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.Actions;
using Microsoft.AspNetCore.Http;

namespace BkMonitor.ClientApi.Apis;

/// <summary>Reads action config, user group and shield bodies: a type mismatch is a 400 naming the JSON path.</summary>
internal static class RegistryBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, string what, CancellationToken cancellationToken)
        where T : class
    {
        using var document = await JsonBody.ReadAsync(request, cancellationToken);
        var body = JsonBody.RequireObject(document, what);
        try
        {
            return body.Deserialize<T>() ?? throw ValidationFailedException.For("$", $"The body must be {what}.");
        }
        catch (JsonException e)
        {
            throw ValidationFailedException.For(string.IsNullOrEmpty(e.Path) ? "$" : e.Path.TrimStart('$', '.'), e.Message);
        }
    }

    public static void ThrowIfInvalid(RegistrySaveResult result) => ThrowIfInvalid(result.Errors);

    /// <summary>Field errors keyed by JSON path become a 400; none, nothing.</summary>
    public static void ThrowIfInvalid(IReadOnlyDictionary<string, List<string>> errors)
    {
        if (errors.Count == 0) return;
        throw new ValidationFailedException(errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
    }
}
