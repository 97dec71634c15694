using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BkMonitor.IntegrationTests.Fixtures;

namespace BkMonitor.IntegrationTests.Bcs;

/// <summary>
/// Stands in for the external BCS API gateway and the Kubernetes API behind it (neither exists on these
/// machines): serves the documented JSON shapes over real HTTP, keeps DataID resources with
/// resourceVersions, and records every request so tests can assert exact paths and bodies.
/// </summary>
public sealed class FakeBcsGateway : IDisposable
{
    private readonly LoopbackHttpServer _server;
    private int _resourceVersion = 100;

    public FakeBcsGateway()
    {
        _server = new LoopbackHttpServer((request, body) =>
        {
            var path = request.Url!.PathAndQuery;
            Requests.Enqueue(new RecordedRequest(request.HttpMethod, path, body, request.Headers["authorization"], request.Headers["X-Bk-Tenant-Id"]));
            var (status, answer) = Route(request.HttpMethod, path, body);
            return (status, "application/json", answer);
        });
    }

    public int Port => _server.Port;

    public string BaseUrl => _server.BaseUrl;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>DataID resources by name, as stored "in the cluster".</summary>
    public ConcurrentDictionary<string, JsonObject> Resources { get; } = new();

    public bool CrdInstalled { get; set; } = true;

    public string ClusterListBody { get; set; } = """{"code":0,"result":true,"data":[]}""";

    public string FederationBody { get; set; } = """{"code":0,"data":[]}""";

    public int ClusterListStatus { get; set; } = 200;

    private (int, string) Route(string method, string path, string body)
    {
        if (path.StartsWith("/bcsapi/v4/clustermanager/", StringComparison.Ordinal)) return (ClusterListStatus, ClusterListBody);
        if (path.StartsWith("/bcsapi/v4/federationmanager/", StringComparison.Ordinal)) return (200, FederationBody);
        const string collection = "/apis/monitoring.bk.tencent.com/v1beta1/dataids";
        var at = path.IndexOf(collection, StringComparison.Ordinal);
        if (at < 0 || !CrdInstalled) return (404, """{"kind":"Status","reason":"NotFound"}""");
        var name = path[(at + collection.Length)..].TrimStart('/');
        switch (method)
        {
            case "GET":
                return Resources.TryGetValue(name, out var found) ? (200, found.ToJsonString()) : (404, """{"kind":"Status","reason":"NotFound"}""");
            case "POST":
            {
                var created = JsonNode.Parse(body)!.AsObject();
                var createdName = created["metadata"]!["name"]!.GetValue<string>();
                created["metadata"]!["resourceVersion"] = Interlocked.Increment(ref _resourceVersion).ToString();
                Resources[createdName] = created;
                return (201, created.ToJsonString());
            }
            case "PUT":
            {
                var replaced = JsonNode.Parse(body)!.AsObject();
                var sent = replaced["metadata"]?["resourceVersion"]?.GetValue<string>();
                var stored = Resources[name]["metadata"]!["resourceVersion"]!.GetValue<string>();
                if (sent != stored) return (409, """{"kind":"Status","reason":"Conflict"}""");
                replaced["metadata"]!["resourceVersion"] = Interlocked.Increment(ref _resourceVersion).ToString();
                Resources[name] = replaced;
                return (200, replaced.ToJsonString());
            }
            default:
                return (405, "{}");
        }
    }

    public void Dispose()
    {
        _server.Dispose();
    }
}

public sealed record RecordedRequest(string Method, string Path, string Body, string? Authorization, string? Tenant);
