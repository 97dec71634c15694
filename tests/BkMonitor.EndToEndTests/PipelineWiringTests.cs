using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace BkMonitor.EndToEndTests;

/// <summary>The main job serves the pipeline: data source, strategy validation, push ingest with its token.</summary>
public sealed class PipelineWiringTests : TempDataDirectory
{
    [Fact]
    public async Task Data_source_strategy_and_push_work_in_the_running_process()
    {
        await using var silo = await SiloProcess.StartAsync(DataDirectory, new Dictionary<string, string> { ["BKMONITOR_ADMIN_TOKEN"] = "e2e" });
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "e2e");

        var created = await http.PostAsJsonAsync("api/v1/data_sources", new { bk_biz_id = 2, data_name = "e2e", etl_config = "bk_standard_v2_time_series", data_type_label = "time_series" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var source = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var dataId = source.GetProperty("bk_data_id").GetInt64();
        Assert.InRange(dataId, 1_500_000, 2_097_151);

        var invalid = await http.PostAsync("api/v1/strategies", new StringContent("""{"bk_biz_id": 2, "name": "x", "items": [{"algorithms": [{"type": "Nope", "level": 1, "config": {}}]}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("items[0].algorithms[0].type", out _));

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var push = await new HttpClient { BaseAddress = silo.BaseAddress }.PostAsJsonAsync("v2/push/", new
        {
            data_id = dataId,
            access_token = source.GetProperty("access_token").GetString(),
            data = new[] { new { metrics = new { cpu = 95.0 }, dimension = new { host = "h1" }, timestamp = now } },
        });
        Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        var wrongToken = await new HttpClient { BaseAddress = silo.BaseAddress }.PostAsJsonAsync("v2/push/", new
        {
            data_id = dataId,
            access_token = "wrong",
            data = new[] { new { metrics = new { cpu = 95.0 }, timestamp = now } },
        });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
    }
}
