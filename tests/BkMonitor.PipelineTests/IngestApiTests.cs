using System.Text.Json.Nodes;
using BkMonitor.PipelineTests.Hosting;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;
using static BkMonitor.PipelineTests.StrategiesApiTests;

namespace BkMonitor.PipelineTests;

/// <summary><c>/api/v1/data_sources</c> and <c>POST /v2/push/</c>: tokens, limits, bad points, all or nothing.</summary>
public sealed class IngestApiTests(PipelineHost host) : IClassFixture<PipelineHost>
{
    [Fact]
    public async Task A_data_source_gets_a_user_data_id_a_token_and_its_table()
    {
        var (dataId, token, table) = await host.CreateDataSourceAsync(bkBizId: 5);
        Assert.InRange(dataId, 1_500_000, 2_097_151);
        Assert.Equal(64, token.Length);
        Assert.Equal($"5_bkmonitor_time_series_{dataId}.__default__", table);

        using var read = await host.Http.GetAsync($"/api/v1/data_sources/{dataId}");
        var info = await ReadJsonAsync(read, 200);
        Assert.Equal(table, info["result_tables"]![0]!["table_id"]!.GetValue<string>());
        var (next, _, _) = await host.CreateDataSourceAsync();
        Assert.True(next > dataId);
    }

    [Fact]
    public async Task Invalid_data_sources_are_400_by_field_and_unknown_ones_404()
    {
        using var invalid = await host.Http.PostAsync("/api/v1/data_sources",
            JsonContent("""{"bk_biz_id": 2, "data_name": "", "etl_config": "nope", "data_type_label": "time_series"}"""));
        var errors = (await AssertProblemAsync(invalid, 400))["errors"]!;
        Assert.NotNull(errors["data_name"]);
        Assert.NotNull(errors["etl_config"]);
        using var wrongType = await host.Http.PostAsync("/api/v1/data_sources", JsonContent("""{"bk_biz_id": "two"}"""));
        await AssertProblemAsync(wrongType, 400);
        using var unknown = await host.Http.GetAsync("/api/v1/data_sources/1999999");
        await AssertProblemAsync(unknown, 404);
    }

    [Fact]
    public async Task Unknown_data_id_is_404_and_a_wrong_token_401()
    {
        var (dataId, _, _) = await host.CreateDataSourceAsync();
        using var unknown = await PostReportAsync(Report(1_999_998, "x", [("h1", T0, 1)]));
        await AssertProblemAsync(unknown, 404);
        using var wrong = await PostReportAsync(Report(dataId, "not-the-token", [("h1", T0, 1)]));
        await AssertProblemAsync(wrong, 401);
    }

    [Theory]
    [InlineData("\"NaN\"", "data[0].metrics.cpu")]
    [InlineData("\"12\"", "data[0].metrics.cpu")]
    [InlineData("1e400", null)]
    public async Task Values_that_are_not_finite_numbers_are_400(string value, string? field)
    {
        var (dataId, token, _) = await host.CreateDataSourceAsync();
        var body = $$$"""{"data_id": {{{dataId}}}, "access_token": "{{{token}}}", "data": [{"metrics": {"cpu": {{{value}}}}, "timestamp": {{{T0 * 1000}}}}]}""";
        using var response = await PostReportAsync(body);
        var problem = await AssertProblemAsync(response, 400);
        if (field is not null) Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task One_bad_point_rejects_the_whole_report_and_nothing_is_stored()
    {
        var (dataId, token, _) = await host.CreateDataSourceAsync();
        var before = host.Store.Size().Points;
        var farFuture = host.Now + 3600;
        var farPast = host.Now - (long)TimeSpan.FromDays(30).TotalSeconds;
        using var future = await PostReportAsync(Report(dataId, token, [("h1", T0, 1), ("h1", farFuture, 2)]));
        Assert.NotNull((await AssertProblemAsync(future, 400))["errors"]!["data[1].timestamp"]);
        using var past = await PostReportAsync(Report(dataId, token, [("h1", T0, 1), ("h1", farPast, 2)]));
        Assert.NotNull((await AssertProblemAsync(past, 400))["errors"]!["data[1].timestamp"]);
        using var duplicate = await PostReportAsync(Report(dataId, token, [("h1", T0, 1), ("h2", T0, 1), ("h1", T0, 2)]));
        Assert.Contains("more than once", (await AssertProblemAsync(duplicate, 400))["errors"]!["data"]![0]!.GetValue<string>());
        Assert.Equal(before, host.Store.Size().Points);
    }

    [Fact]
    public async Task A_report_sent_again_replaces_its_values()
    {
        var (dataId, token, _) = await host.CreateDataSourceAsync();
        await host.PushAsync(dataId, token, ("h1", T0, 1));
        var before = host.Store.Size().Points;
        await host.PushAsync(dataId, token, ("h1", T0, 1));
        Assert.Equal(before, host.Store.Size().Points);
    }

    [Fact]
    public async Task A_million_points_is_413()
    {
        var (dataId, token, _) = await host.CreateDataSourceAsync();
        var points = Enumerable.Range(0, 1_000_000).Select(i => ($"h{i % 1000}", T0 + i / 1000, 1.0));
        using var response = await PostReportAsync(Report(dataId, token, points));
        await AssertProblemAsync(response, 413);
    }

    [Fact]
    public async Task More_values_than_the_report_limit_is_413_even_under_the_byte_limit()
    {
        var (dataId, token, _) = await host.CreateDataSourceAsync();
        var points = Enumerable.Range(0, 100_001).Select(i => ($"{i % 100}", T0 + i / 100, 1.0));
        using var response = await PostReportAsync(Report(dataId, token, points));
        Assert.Contains("100000", (await AssertProblemAsync(response, 413))["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"data_id\": ")]
    [InlineData("")]
    [InlineData("[]")]
    public async Task Malformed_reports_are_400(string body)
    {
        using var response = await PostReportAsync(body);
        await AssertProblemAsync(response, 400);
    }

    private Task<HttpResponseMessage> PostReportAsync(string body) => host.Http.PostAsync("/v2/push/", JsonContent(body));
}
