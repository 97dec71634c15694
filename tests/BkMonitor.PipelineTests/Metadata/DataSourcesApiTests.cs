using System.Text.Json.Nodes;
using BkMonitor.PipelineTests.Hosting;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;
using static BkMonitor.PipelineTests.StrategiesApiTests;

namespace BkMonitor.PipelineTests.Metadata;

/// <summary>Data sources beyond creation: storage routing, paging from the catalog, token rotation, enabling.</summary>
public sealed class DataSourcesApiTests(PipelineHost host) : IClassFixture<PipelineHost>
{
    [Fact]
    public async Task A_new_time_series_table_is_routed_to_the_default_influxdb_and_read_back_with_it()
    {
        var clusterId = (await ReadJsonAsync(await host.Http.PostAsync("/api/v1/storage_clusters",
            JsonContent(StorageClustersApiTests.Cluster("influx-default"))), 201))["cluster_id"]!.GetValue<int>();
        var (dataId, _, table) = await host.CreateDataSourceAsync(bkBizId: 11);

        var info = await ReadJsonAsync(await host.Http.GetAsync($"/api/v1/data_sources/{dataId}"), 200);
        var rt = info["result_tables"]![0]!;
        Assert.Equal((table, clusterId), (rt["table_id"]!.GetValue<string>(), rt["storage_cluster_id"]!.GetValue<int>()));
        Assert.Equal(("influx-default", "influxdb"), (rt["storage"]!["cluster_name"]!.GetValue<string>(), rt["storage"]!["cluster_type"]!.GetValue<string>()));
        Assert.False(rt["storage"]!.AsObject().ContainsKey("password"));
    }

    [Fact]
    public async Task Listing_pages_one_business_from_the_catalog_in_id_order_without_tokens()
    {
        var ids = new List<int>();
        for (var i = 0; i < 3; i++) ids.Add((await host.CreateDataSourceAsync(bkBizId: 21)).DataId);
        await host.CreateDataSourceAsync(bkBizId: 22);

        var first = await ReadJsonAsync(await host.Http.GetAsync("/api/v1/data_sources?bk_biz_id=21&page=1&page_size=2"), 200);
        var second = await ReadJsonAsync(await host.Http.GetAsync("/api/v1/data_sources?bk_biz_id=21&page=2&page_size=2"), 200);
        Assert.Equal((3, 3), (first["total"]!.GetValue<int>(), second["total"]!.GetValue<int>()));
        var listed = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).ToList();
        Assert.Equal(ids, listed.Select(s => s!["bk_data_id"]!.GetValue<int>()));
        Assert.All(listed, s => Assert.False(s!.AsObject().ContainsKey("access_token")));
        Assert.Equal($"21_bkmonitor_time_series_{ids[0]}.__default__", listed[0]!["result_table_ids"]![0]!.GetValue<string>());

        var beyond = await ReadJsonAsync(await host.Http.GetAsync("/api/v1/data_sources?bk_biz_id=21&page=3&page_size=2"), 200);
        Assert.Empty(beyond["items"]!.AsArray());
        var bad = await AssertProblemAsync(await host.Http.GetAsync("/api/v1/data_sources?page_size=0&page=x"), 400);
        Assert.NotNull(bad["errors"]!["page"] ?? bad["errors"]!["page_size"]);
    }

    [Fact]
    public async Task A_rotated_token_replaces_the_old_one_at_once()
    {
        var (dataId, oldToken, _) = await host.CreateDataSourceAsync(bkBizId: 31);
        var rotated = await ReadJsonAsync(await host.Http.PostAsync($"/api/v1/data_sources/{dataId}/token", null), 200);
        var newToken = rotated["access_token"]!.GetValue<string>();
        Assert.NotEqual(oldToken, newToken);
        Assert.Equal(64, newToken.Length);

        await AssertProblemAsync(await host.Http.PostAsync("/v2/push/", JsonContent(Report(dataId, oldToken, [("h1", T0, 1)]))), 401);
        await host.PushAsync(dataId, newToken, ("h1", T0, 1));
        await AssertProblemAsync(await host.Http.PostAsync("/api/v1/data_sources/1999998/token", null), 404);
    }

    [Fact]
    public async Task A_disabled_data_source_refuses_pushes_until_enabled_again()
    {
        var (dataId, token, _) = await host.CreateDataSourceAsync(bkBizId: 41);
        var off = await ReadJsonAsync(await host.Http.PatchAsync($"/api/v1/data_sources/{dataId}", JsonContent("""{"is_enabled": false}""")), 200);
        Assert.False(off["is_enabled"]!.GetValue<bool>());
        await AssertProblemAsync(await host.Http.PostAsync("/v2/push/", JsonContent(Report(dataId, token, [("h1", T0, 1)]))), 403);
        var listed = await ReadJsonAsync(await host.Http.GetAsync("/api/v1/data_sources?bk_biz_id=41"), 200);
        Assert.False(listed["items"]![0]!["is_enabled"]!.GetValue<bool>());

        await ReadJsonAsync(await host.Http.PatchAsync($"/api/v1/data_sources/{dataId}", JsonContent("""{"is_enabled": true}""")), 200);
        await host.PushAsync(dataId, token, ("h1", T0, 1));
        var invalid = await AssertProblemAsync(await host.Http.PatchAsync($"/api/v1/data_sources/{dataId}", JsonContent("""{"is_enabled": "yes"}""")), 400);
        Assert.NotNull(invalid["errors"]!["is_enabled"]);
    }
}
