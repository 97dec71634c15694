using BkMonitor.PipelineTests.Hosting;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Bcs;

/// <summary>
/// <c>/api/v1/bcs/clusters</c>: register, read and list by hand. No BCS gateway is configured here, so the DataID
/// resources cannot be written: registration still succeeds and parks the cluster in init_failed with the reason.
/// </summary>
public sealed class BcsApiTests(PipelineHost host) : IClassFixture<PipelineHost>
{
    [Fact]
    public async Task A_registered_cluster_has_six_data_sources_is_init_failed_without_a_gateway_and_is_read_and_listed()
    {
        var created = await ReadJsonAsync(await host.Http.PostAsync("/api/v1/bcs/clusters",
            JsonContent("""{"cluster_id": "BCS-K8S-40001", "bk_biz_id": 2, "project_id": "p1"}""")), 201);
        Assert.Equal(("BCS-K8S-40001", "init_failed", 2, "system"),
            (created["cluster_id"]!.GetValue<string>(), created["status"]!.GetValue<string>(), created["bk_biz_id"]!.GetValue<int>(), created["tenant_id"]!.GetValue<string>()));
        var dataIds = created["data_ids"]!.AsObject();
        Assert.Equal(["custom_event", "custom_log", "custom_metric", "k8s_event", "k8s_metric", "system_log"], dataIds.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Equal(6, dataIds.Select(d => d.Value!.GetValue<int>()).Distinct().Count());
        Assert.Contains("GatewayHost", created["init_errors"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var k8sMetric = await ReadJsonAsync(await host.Http.GetAsync($"/api/v1/data_sources/{dataIds["k8s_metric"]!.GetValue<int>()}"), 200);
        Assert.Equal(("bcs_BCS-K8S-40001_k8s_metric", true), (k8sMetric["data_name"]!.GetValue<string>(), k8sMetric["is_system"]!.GetValue<bool>()));

        var read = await ReadJsonAsync(await host.Http.GetAsync("/api/v1/bcs/clusters/BCS-K8S-40001"), 200);
        Assert.Equal(created.ToJsonString(), read.ToJsonString());
        var list = await ReadJsonAsync(await host.Http.GetAsync("/api/v1/bcs/clusters"), 200);
        Assert.Contains(list["items"]!.AsArray(), c => c!["cluster_id"]!.GetValue<string>() == "BCS-K8S-40001");
        Assert.Equal(list["items"]!.AsArray().Count, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Registering_the_same_cluster_twice_is_a_conflict_problem()
    {
        const string Body = """{"cluster_id": "BCS-K8S-40002", "bk_biz_id": 2, "project_id": "p1"}""";
        await ReadJsonAsync(await host.Http.PostAsync("/api/v1/bcs/clusters", JsonContent(Body)), 201);

        using var again = await host.Http.PostAsync("/api/v1/bcs/clusters", JsonContent(Body));
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("BCS-K8S-40002", (await ReadJsonAsync(again, 409))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"cluster_id": "k8s-40001", "bk_biz_id": 2, "project_id": "p1"}""", "cluster_id")]
    [InlineData("""{"bk_biz_id": 2, "project_id": "p1"}""", "cluster_id")]
    [InlineData("""{"cluster_id": "BCS-K8S-40003", "bk_biz_id": "two", "project_id": "p1"}""", "bk_biz_id")]
    [InlineData("""{"cluster_id": "BCS-K8S-40003", "bk_biz_id": 2}""", "project_id")]
    public async Task Invalid_registrations_are_refused_with_the_field_named(string body, string field)
    {
        using var response = await host.Http.PostAsync("/api/v1/bcs/clusters", JsonContent(body));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response, 400);
        Assert.Equal([field], problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_and_an_unknown_cluster_are_problems()
    {
        using var array = await host.Http.PostAsync("/api/v1/bcs/clusters", JsonContent("[1]"));
        await ReadJsonAsync(array, 400);
        using var unknown = await host.Http.GetAsync("/api/v1/bcs/clusters/BCS-K8S-49999");
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        await ReadJsonAsync(unknown, 404);
    }
}
