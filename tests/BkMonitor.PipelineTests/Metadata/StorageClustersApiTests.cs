using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BkMonitor.PipelineTests.Hosting;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Storage;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;
using static BkMonitor.PipelineTests.StrategiesApiTests;

namespace BkMonitor.PipelineTests.Metadata;

/// <summary><c>/api/v1/storage_clusters</c>: CRUD, one default per type, secrets encrypted at rest and never returned.</summary>
public sealed class StorageClustersApiTests(PipelineHost host) : IClassFixture<PipelineHost>
{
    internal static string Cluster(string name, string type = "influxdb", bool isDefault = true, string? password = "s3cret-pa55") =>
        new JsonObject
        {
            ["cluster_name"] = name, ["cluster_type"] = type, ["domain_name"] = "influx.service.consul", ["port"] = 8086,
            ["is_default_cluster"] = isDefault, ["username"] = "admin", ["password"] = password, ["schema"] = "http", ["label"] = "",
        }.ToJsonString();

    [Fact]
    public async Task A_cluster_is_stored_encrypted_and_shown_without_its_password()
    {
        using var created = await host.Http.PostAsync("/api/v1/storage_clusters", JsonContent(Cluster("influx-secret")));
        var body = await ReadJsonAsync(created, 201);
        var id = body["cluster_id"]!.GetValue<int>();
        Assert.False(body.ContainsKey("password"));
        Assert.True(body["has_password"]!.GetValue<bool>());
        Assert.Equal($"/api/v1/storage_clusters/{id}", created.Headers.Location?.OriginalString);

        var stored = new GrainState<JsonObject>(new JsonObject());
        await host.Storage.ReadStateAsync("storageclusters", new GrainId("storageclusterregistry", "global"), stored);
        var raw = stored.State.ToJsonString();
        Assert.DoesNotContain("s3cret-pa55", raw, StringComparison.Ordinal);
        Assert.Contains("\"password\":\"v1.", raw, StringComparison.Ordinal);

        // PUT without a password keeps the stored one.
        using var replaced = await host.Http.PutAsync($"/api/v1/storage_clusters/{id}", JsonContent(Cluster("influx-secret", password: null).Replace("8086", "8087", StringComparison.Ordinal)));
        var after = await ReadJsonAsync(replaced, 200);
        Assert.Equal((8087, true), (after["port"]!.GetValue<int>(), after["has_password"]!.GetValue<bool>()));
        using var read = await host.Http.GetAsync($"/api/v1/storage_clusters/{id}");
        Assert.DoesNotContain("s3cret", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_default_unsets_the_previous_default_of_the_same_type_only()
    {
        var es = (await ReadJsonAsync(await host.Http.PostAsync("/api/v1/storage_clusters", JsonContent(Cluster("es-1", "elasticsearch"))), 201))["cluster_id"]!.GetValue<int>();
        var first = (await ReadJsonAsync(await host.Http.PostAsync("/api/v1/storage_clusters", JsonContent(Cluster("vm-1", "victoria_metrics"))), 201))["cluster_id"]!.GetValue<int>();
        var second = (await ReadJsonAsync(await host.Http.PostAsync("/api/v1/storage_clusters", JsonContent(Cluster("vm-2", "victoria_metrics"))), 201))["cluster_id"]!.GetValue<int>();

        var list = await ReadJsonAsync(await host.Http.GetAsync("/api/v1/storage_clusters?cluster_type=victoria_metrics"), 200);
        var defaults = list["items"]!.AsArray().ToDictionary(c => c!["cluster_id"]!.GetValue<int>(), c => c!["is_default_cluster"]!.GetValue<bool>());
        Assert.Equal(new Dictionary<int, bool> { [first] = false, [second] = true }, defaults);
        var esNow = await ReadJsonAsync(await host.Http.GetAsync($"/api/v1/storage_clusters/{es}"), 200);
        Assert.True(esNow["is_default_cluster"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Bad_clusters_are_400_by_field_unknown_ones_404_and_deleted_ones_gone()
    {
        using var bad = await host.Http.PostAsync("/api/v1/storage_clusters", JsonContent(
            """{"cluster_name": "", "cluster_type": "mongodb", "domain_name": "http://x/y", "port": 0}"""));
        var errors = (await AssertProblemAsync(bad, 400))["errors"]!.AsObject();
        Assert.Equal(["cluster_name", "cluster_type", "domain_name", "port"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        using var wrongType = await host.Http.PostAsync("/api/v1/storage_clusters", JsonContent("""{"port": "eighty"}"""));
        await AssertProblemAsync(wrongType, 400);
        await AssertProblemAsync(await host.Http.GetAsync("/api/v1/storage_clusters/999"), 404);
        await AssertProblemAsync(await host.Http.PutAsync("/api/v1/storage_clusters/999", JsonContent(Cluster("nope"))), 404);

        var id = (await ReadJsonAsync(await host.Http.PostAsync("/api/v1/storage_clusters", JsonContent(Cluster("doomed", "kafka"))), 201))["cluster_id"]!.GetValue<int>();
        Assert.Equal(204, (int)(await host.Http.DeleteAsync($"/api/v1/storage_clusters/{id}")).StatusCode);
        await AssertProblemAsync(await host.Http.DeleteAsync($"/api/v1/storage_clusters/{id}"), 404);
    }

    [Fact]
    public async Task Storage_clusters_need_the_admin_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/storage_clusters");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-admin");
        await AssertProblemAsync(await host.Http.SendAsync(request), 401);
    }
}
