using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BkMonitor.Grains.Bcs.Clients;

/// <summary>
/// Upserts DataID custom resources into a cluster through the Kubernetes REST API behind the BCS gateway:
/// GET the resource; 404 → POST it; otherwise PUT it with the existing resourceVersion unless nothing we own changed.
/// A 404 on the collection itself means the DataID CRD is not installed, reported as such.
/// </summary>
internal sealed class KubernetesDataIdClient(HttpClient http, string schema = "https")
{
    public async Task<DataIdUpsertOutcome> UpsertAsync(BcsClusterState cluster, JsonObject desired, CancellationToken cancellationToken)
    {
        var name = desired["metadata"]!["name"]!.GetValue<string>();
        var server = DataIdResourcePaths.ApiServer(cluster, schema);
        var (status, existing) = await SendAsync(cluster, HttpMethod.Get, server + DataIdResourcePaths.Get(name), null, cancellationToken);
        if (status == HttpStatusCode.NotFound)
        {
            var (created, body) = await SendAsync(cluster, HttpMethod.Post, server + DataIdResourcePaths.Create, desired, cancellationToken);
            if (created == HttpStatusCode.NotFound)
            {
                throw new KubernetesApiException(cluster.ClusterId, $"the DataID custom resource definition ({DataIdResourceBuilder.Group}/{DataIdResourceBuilder.Version}) is not installed in cluster {cluster.ClusterId}", created);
            }
            EnsureSuccess(cluster, "create", name, created, body);
            return DataIdUpsertOutcome.Created;
        }
        EnsureSuccess(cluster, "get", name, status, existing);
        var current = JsonNode.Parse(existing!);
        if (DataIdResourceBuilder.IsUpToDate(desired, current)) return DataIdUpsertOutcome.Unchanged;
        var replace = DataIdResourceBuilder.ReplaceBody(desired, current!);
        var (replaced, replacedBody) = await SendAsync(cluster, HttpMethod.Put, server + DataIdResourcePaths.Replace(name), replace, cancellationToken);
        EnsureSuccess(cluster, "replace", name, replaced, replacedBody);
        return DataIdUpsertOutcome.Replaced;
    }

    private async Task<(HttpStatusCode Status, string? Body)> SendAsync(BcsClusterState cluster, HttpMethod method, string url, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        var (header, value) = DataIdResourcePaths.AuthorizationHeader(cluster);
        request.Headers.TryAddWithoutValidation(header, value);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException ex)
        {
            throw new KubernetesApiException(cluster.ClusterId, $"the Kubernetes API of {cluster.ClusterId} at {new Uri(url).GetLeftPart(UriPartial.Authority)} is unreachable: {ex.Message}", null, ex);
        }
    }

    private static void EnsureSuccess(BcsClusterState cluster, string verb, string name, HttpStatusCode status, string? body)
    {
        if ((int)status is < 200 or > 299)
        {
            throw new KubernetesApiException(cluster.ClusterId, $"{verb} DataID '{name}' in {cluster.ClusterId} answered {(int)status}: {BcsApiClient.Truncate(body ?? "")}", status);
        }
    }
}

public enum DataIdUpsertOutcome
{
    Created,
    Replaced,
    Unchanged,
}

/// <summary>A Kubernetes API call for a cluster failed; the message says which call and why.</summary>
public sealed class KubernetesApiException(string clusterId, string message, HttpStatusCode? status, Exception? inner = null) : Exception(message, inner)
{
    public string ClusterId { get; } = clusterId;

    public HttpStatusCode? Status { get; } = status;
}
