using System.Net;
using System.Text.Json.Nodes;
using BkMonitor.PipelineTests.Hosting;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary><c>/api/v1/shields</c>: create, read, list and delete, and bad input answered 400/404 as problem+json.</summary>
public sealed class ShieldsApiTests(PipelineHost host) : IClassFixture<PipelineHost>
{
    private const string Valid = """
        {"bk_biz_id": 7, "category": "strategy", "begin_time": 1700000000, "end_time": 1700003600,
         "cycle_config": {"type": 2, "begin_time": "22:00:00", "end_time": "02:00:00", "week_list": [1, 7]},
         "dimension_config": {"strategy_id": [1], "level": [1]}, "description": "maintenance"}
        """;

    [Fact]
    public async Task A_created_shield_reads_back_lists_by_business_and_status_and_deletes_once_known()
    {
        var created = await SendAsync(HttpMethod.Post, "/api/v1/shields", Valid, HttpStatusCode.Created);
        var id = created!["id"]!.GetValue<long>();
        Assert.True(id > 0);
        var read = await SendAsync(HttpMethod.Get, $"/api/v1/shields/{id}", null, HttpStatusCode.OK);
        Assert.Equal(("strategy", "22:00:00", "maintenance"), (read!["category"]!.GetValue<string>(), read["cycle_config"]!["begin_time"]!.GetValue<string>(), read["description"]!.GetValue<string>()));
        Assert.Null(read["delete_time"]);

        // The cluster's clock (T0 + 600) is inside [begin_time, end_time]: active until deleted, then expired.
        Assert.Contains(id, await ListedIdsAsync("bk_biz_id=7&status=active"));
        Assert.DoesNotContain(id, await ListedIdsAsync("bk_biz_id=7&status=expired"));
        Assert.Empty(await ListedIdsAsync("bk_biz_id=8"));

        await SendAsync(HttpMethod.Delete, $"/api/v1/shields/{id}", null, HttpStatusCode.NoContent);
        var deleted = await SendAsync(HttpMethod.Get, $"/api/v1/shields/{id}", null, HttpStatusCode.OK);
        Assert.Equal(host.Now, deleted!["delete_time"]!.GetValue<long>());
        Assert.Contains(id, await ListedIdsAsync("bk_biz_id=7&status=expired"));
        Assert.DoesNotContain(id, await ListedIdsAsync("bk_biz_id=7&status=active"));
    }

    [Fact]
    public async Task Listing_pages_by_id()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var body = JsonNode.Parse(Valid)!.AsObject();
            body["bk_biz_id"] = 9;
            ids.Add((await SendAsync(HttpMethod.Post, "/api/v1/shields", body.ToJsonString(), HttpStatusCode.Created))!["id"]!.GetValue<long>());
        }
        var second = await SendAsync(HttpMethod.Get, "/api/v1/shields?bk_biz_id=9&page=2&page_size=2", null, HttpStatusCode.OK);
        Assert.Equal(3, second!["total"]!.GetValue<int>());
        Assert.Equal([ids[2]], second["items"]!.AsArray().Select(s => s!["id"]!.GetValue<long>()));
    }

    [Theory]
    [InlineData("end_time", "\"end_time\": 1699999999")]
    [InlineData("category", "\"category\": \"host\"")]
    [InlineData("cycle_config.type", "\"cycle_config\": {\"type\": 9}")]
    [InlineData("cycle_config.begin_time", "\"cycle_config\": {\"type\": 2, \"begin_time\": \"24:00\", \"end_time\": \"02:00:00\"}")]
    [InlineData("cycle_config.week_list[0]", "\"cycle_config\": {\"type\": 3, \"begin_time\": \"00:00:00\", \"end_time\": \"02:00:00\", \"week_list\": [0]}")]
    [InlineData("dimension_config.strategy_id", "\"dimension_config\": {}")]
    [InlineData("begin_time", "\"begin_time\": \"yesterday\"")]
    public async Task Invalid_shields_are_400_naming_the_field(string field, string replacement)
    {
        var body = JsonNode.Parse(Valid)!.AsObject();
        var patch = JsonNode.Parse("{" + replacement + "}")!.AsObject();
        foreach (var (key, value) in patch.ToList())
        {
            patch.Remove(key);
            body[key] = value;
        }
        var problem = await SendAsync(HttpMethod.Post, "/api/v1/shields", body.ToJsonString(), HttpStatusCode.BadRequest);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Fact]
    public async Task Malformed_bodies_unknown_ids_and_bad_filters_are_problems()
    {
        await SendAsync(HttpMethod.Post, "/api/v1/shields", """{"bk_biz_id": 7, "category": """, HttpStatusCode.BadRequest);
        await SendAsync(HttpMethod.Post, "/api/v1/shields", "[1, 2]", HttpStatusCode.BadRequest);
        await SendAsync(HttpMethod.Get, "/api/v1/shields/987654", null, HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Delete, "/api/v1/shields/987654", null, HttpStatusCode.NotFound);
        var status = await SendAsync(HttpMethod.Get, "/api/v1/shields?status=sleeping", null, HttpStatusCode.BadRequest);
        Assert.True(status!["errors"]!.AsObject().ContainsKey("status"));
        var size = await SendAsync(HttpMethod.Get, "/api/v1/shields?page_size=0", null, HttpStatusCode.BadRequest);
        Assert.True(size!["errors"]!.AsObject().ContainsKey("page_size"));
    }

    private async Task<IEnumerable<long>> ListedIdsAsync(string query)
    {
        var page = await SendAsync(HttpMethod.Get, "/api/v1/shields?page_size=1000&" + query, null, HttpStatusCode.OK);
        return page!["items"]!.AsArray().Select(s => s!["id"]!.GetValue<long>());
    }

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent(body);
        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        if ((int)expected >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject();
    }
}
