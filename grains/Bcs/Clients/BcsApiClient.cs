using System.Net.Http.Headers;
using System.Text;

namespace BkMonitor.Grains.Bcs.Clients;

/// <summary>
/// Reads cluster listings and federation topology from the BCS API for discovery. Transport failures and
/// non-2xx answers become <see cref="BcsApiUnavailableException"/>; malformed bodies become
/// <see cref="BcsApiResponseException"/> from the parser, so discovery can skip the run instead of
/// acting on a partial listing.
/// </summary>
internal sealed class BcsApiClient(HttpClient http, BcsApiOptions options)
{
    public const string ClusterListPath = "bcsapi/v4/clustermanager/v1/cluster?engineType=k8s";
    public const string FederationPath = "bcsapi/v4/federationmanager/v1/clusters/all/sub_clusters";

    public async Task<BcsTenantListing> ListTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var clusters = BcsApiParser.ParseClusterList(await SendAsync(HttpMethod.Get, ClusterListPath, tenantId, null, cancellationToken));
        var federation = BcsApiParser.ParseFederation(await SendAsync(HttpMethod.Post, FederationPath, tenantId, "{}", cancellationToken));
        return new BcsTenantListing(tenantId, clusters, federation);
    }

    private async Task<string> SendAsync(HttpMethod method, string path, string tenantId, string? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(options.BaseUrl.TrimEnd('/') + "/"), path);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        request.Headers.Add("X-Bk-Tenant-Id", tenantId);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new BcsApiUnavailableException($"BCS API {method} {path} answered {(int)response.StatusCode}: {Truncate(text)}");
            }
            return text;
        }
        catch (HttpRequestException ex)
        {
            throw new BcsApiUnavailableException($"BCS API at {uri.GetLeftPart(UriPartial.Authority)} is unreachable: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BcsApiUnavailableException($"BCS API {method} {path} timed out after {options.Timeout.TotalSeconds:0} s.", ex);
        }
    }

    internal static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>The BCS API could not be reached or refused the request.</summary>
public sealed class BcsApiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
