using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BkMonitor.PipelineTests.Hosting;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests;

/// <summary><c>/api/v1/strategies</c>: the round trip, the index, and bad input answered 4xx problem+json.</summary>
public sealed class StrategiesApiTests(PipelineHost host) : IClassFixture<PipelineHost>
{
    private const string Table = "2_bkmonitor_time_series_1500999.__default__";

    [Fact]
    public async Task Create_read_replace_delete_round_trip()
    {
        var created = await host.CreateStrategyAsync(StrategyBodies.Threshold(Table));
        var id = created["id"]!.GetValue<long>();
        Assert.True(id > 0);
        Assert.Equal(host.Now, created["create_time"]!.GetValue<long>());
        Assert.Equal(1, created["items"]![0]!["id"]!.GetValue<long>()); // assigned: items key trigger windows
        Assert.Equal("Threshold", created["items"]![0]!["algorithms"]![0]!["type"]!.GetValue<string>());

        using var read = await host.Http.GetAsync($"/api/v1/strategies/{id}");
        Assert.Equal("cpu high", (await ReadJsonAsync(read, 200))["name"]!.GetValue<string>());

        using var put = await host.Http.PutAsync($"/api/v1/strategies/{id}", JsonContent(StrategyBodies.Threshold(Table, name: "cpu very high")));
        var replaced = await ReadJsonAsync(put, 200);
        Assert.Equal(("cpu very high", id), (replaced["name"]!.GetValue<string>(), replaced["id"]!.GetValue<long>()));

        using var delete = await host.Http.DeleteAsync($"/api/v1/strategies/{id}");
        Assert.Equal(204, (int)delete.StatusCode);
        using var gone = await host.Http.GetAsync($"/api/v1/strategies/{id}");
        await AssertProblemAsync(gone, 404);
        using var again = await host.Http.DeleteAsync($"/api/v1/strategies/{id}");
        await AssertProblemAsync(again, 404);
    }

    [Fact]
    public async Task List_pages_one_business_from_the_index()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await host.CreateStrategyAsync(StrategyBodies.Threshold(Table).Replace("\"bk_biz_id\": 2", "\"bk_biz_id\": 77", StringComparison.Ordinal)))["id"]!.GetValue<long>());
        }
        using var first = await host.Http.GetAsync("/api/v1/strategies?bk_biz_id=77&page=1&page_size=2");
        var page = await ReadJsonAsync(first, 200);
        Assert.Equal(3, page["total"]!.GetValue<int>());
        Assert.Equal(ids[..2], page["items"]!.AsArray().Select(s => s!["id"]!.GetValue<long>()));
        using var second = await host.Http.GetAsync("/api/v1/strategies?bk_biz_id=77&page=2&page_size=2");
        Assert.Equal([ids[2]], (await ReadJsonAsync(second, 200))["items"]!.AsArray().Select(s => s!["id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_given_id_is_kept_and_creating_it_twice_conflicts()
    {
        var created = await host.CreateStrategyAsync(StrategyBodies.Threshold(Table, id: 900));
        Assert.Equal(900, created["id"]!.GetValue<long>());
        using var twice = await host.Http.PostAsync("/api/v1/strategies", JsonContent(StrategyBodies.Threshold(Table, id: 900)));
        await AssertProblemAsync(twice, 409);
        // Allocation continues above every id the index has seen.
        Assert.True((await host.CreateStrategyAsync(StrategyBodies.Threshold(Table)))["id"]!.GetValue<long>() > 900);
    }

    [Theory]
    [InlineData("{\"bk_biz_id\": 2, ", "$")]
    [InlineData("[1, 2]", "$")]
    public async Task Malformed_bodies_are_400(string body, string field)
    {
        using var response = await host.Http.PostAsync("/api/v1/strategies", JsonContent(body));
        var problem = await AssertProblemAsync(response, 400);
        if (problem["errors"] is JsonObject errors) Assert.NotNull(errors[field]);
        else Assert.Equal("Malformed JSON", problem["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"type\": \"Threshold\"", "\"type\": \"Clairvoyance\"", "items[0].algorithms[0].type")]
    [InlineData("\"threshold\": 90", "\"threshold\": \"ninety\"", "items[0].algorithms[0].config")]
    [InlineData("\"method\": \"gte\"", "\"method\": \"about\"", "items[0].algorithms[0].config")]
    [InlineData("\"count\": 3", "\"count\": 9", "detects[0].trigger_config.count")]
    [InlineData("\"agg_interval\": 60", "\"agg_interval\": \"sixty\"", "items[0].query_configs[0].agg_interval")]
    [InlineData("\"scenario\": \"os\"", "\"scenario\": \"os\", \"colour\": \"red\"", "colour")]
    public async Task Invalid_fields_are_400_with_errors_by_path_and_nothing_is_stored(string find, string replace, string field)
    {
        var before = await TotalAsync();
        using var response = await host.Http.PostAsync("/api/v1/strategies", JsonContent(StrategyBodies.Threshold(Table).Replace(find, replace, StringComparison.Ordinal)));
        var problem = await AssertProblemAsync(response, 400);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(before, await TotalAsync());
    }

    [Fact]
    public async Task A_prometheus_item_without_a_configured_prometheus_is_400()
    {
        var body = StrategyBodies.Threshold(Table).Replace(
            "\"data_source_label\": \"custom\"", "\"data_source_label\": \"prometheus\", \"promql\": \"up\"", StringComparison.Ordinal);
        using var response = await host.Http.PostAsync("/api/v1/strategies", JsonContent(body));
        var errors = (await AssertProblemAsync(response, 400))["errors"]!;
        Assert.Contains("no Prometheus URL", errors["items[0].query_configs[0].data_source_label"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Replacing_a_missing_strategy_is_404_and_a_body_id_of_another_strategy_is_400()
    {
        using var missing = await host.Http.PutAsync("/api/v1/strategies/123456", JsonContent(StrategyBodies.Threshold(Table)));
        await AssertProblemAsync(missing, 404);

        var id = (await host.CreateStrategyAsync(StrategyBodies.Threshold(Table)))["id"]!.GetValue<long>();
        using var other = await host.Http.PutAsync($"/api/v1/strategies/{id}", JsonContent(StrategyBodies.Threshold(Table, id: id + 1000)));
        Assert.NotNull((await AssertProblemAsync(other, 400))["errors"]!["id"]);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page_size=5000")]
    [InlineData("bk_biz_id=two")]
    public async Task Bad_list_parameters_are_400(string query)
    {
        using var response = await host.Http.GetAsync($"/api/v1/strategies?{query}");
        await AssertProblemAsync(response, 400);
    }

    [Fact]
    public async Task Strategies_need_the_admin_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/strategies");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        using var response = await host.Http.SendAsync(request);
        await AssertProblemAsync(response, 401);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_pipeline_endpoints()
    {
        using var response = await host.Http.GetAsync("/openapi/v1.json");
        var paths = (await ReadJsonAsync(response, 200))["paths"]!.AsObject();
        // The document spells paths without the trailing slash; routing answers both (/v2/push/ is bk-monitor's).
        Assert.Contains("/api/v1/strategies", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/strategies/{id}", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/data_sources", paths.Select(p => p.Key));
        Assert.Contains("413", paths["/v2/push"]!["post"]!["description"]!.GetValue<string>());
    }

    private async Task<int> TotalAsync()
    {
        using var response = await host.Http.GetAsync("/api/v1/strategies?page_size=1");
        return (await ReadJsonAsync(response, 200))["total"]!.GetValue<int>();
    }

    internal static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        var problem = await ReadJsonAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        return problem;
    }
}
