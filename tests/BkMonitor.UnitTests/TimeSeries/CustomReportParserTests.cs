using System.Text.Json;
using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.UnitTests.TimeSeries;

public sealed class CustomReportParserTests
{
    private const long Now = 1_700_000_000;
    private readonly CustomReportParser _parser = new(new CustomReportLimits { MaxSamples = 5 });

    private (CustomReport? Report, Dictionary<string, List<string>> Errors) Parse(string json)
        => _parser.Parse(JsonDocument.Parse(json).RootElement, Now);

    [Fact]
    public void Parses_bk_monitor_report_shape_with_target_as_dimension()
    {
        var (report, errors) = Parse($$"""
            {"data_id": 1500001, "access_token": "tok", "data": [
              {"metrics": {"cpu": 0.5, "mem": 12}, "target": "127.0.0.1", "dimension": {"module": "db", "port": 3306}, "timestamp": {{Now * 1000 + 999}}}
            ]}
            """);
        Assert.Empty(errors);
        Assert.NotNull(report);
        Assert.Equal(1500001, report.DataId);
        Assert.Equal(2, report.Samples.Count);
        var cpu = report.Samples.Single(s => s.Metric == "cpu");
        Assert.Equal(Now, cpu.Time);
        Assert.Equal(0.5, cpu.Value);
        Assert.Equal("module=db,port=3306,target=127.0.0.1", cpu.Dimensions.ToString());
    }

    [Fact]
    public void Null_metric_values_are_dropped()
    {
        var (report, errors) = Parse($$"""{"data_id": 1, "access_token": "t", "data": [{"metrics": {"a": null, "b": 1}, "timestamp": {{Now * 1000}}}]}""");
        Assert.Empty(errors);
        Assert.Equal("b", Assert.Single(report!.Samples).Metric);
    }

    [Theory]
    [InlineData("""{"access_token": "t", "data": []}""", "data_id")]
    [InlineData("""{"data_id": 1, "data": [{"metrics": {"a": 1}, "timestamp": 1700000000000}]}""", "access_token")]
    [InlineData("""{"data_id": 1, "access_token": "t", "data": [{"metrics": {"a": "NaN"}, "timestamp": 1700000000000}]}""", "data[0].metrics.a")]
    [InlineData("""{"data_id": 1, "access_token": "t", "data": [{"metrics": {"a": 1}, "timestamp": 1700000000}]}""", "data[0].timestamp")]
    [InlineData("""{"data_id": 1, "access_token": "t", "data": [{"metrics": {"a": 1}, "timestamp": 1800000000000}]}""", "data[0].timestamp")]
    [InlineData("""{"data_id": 1, "access_token": "t", "data": [{"metrics": {"a": 1}}]}""", "data[0].timestamp")]
    [InlineData("""{"data_id": 1, "access_token": "t", "data": [{"metrics": {}, "timestamp": 1700000000000}]}""", "data[0].metrics")]
    [InlineData("""{"data_id": 1, "access_token": "t", "data": [{"metrics": {"a": 1}, "dimension": {"x": [1]}, "timestamp": 1700000000000}]}""", "data[0].dimension.x")]
    [InlineData("""[1, 2]""", "$")]
    public void Invalid_reports_name_the_field(string json, string field)
    {
        var (report, errors) = Parse(json);
        Assert.Null(report);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void One_bad_point_rejects_the_whole_report()
    {
        var (report, errors) = Parse($$"""{"data_id": 1, "access_token": "t", "data": [{"metrics": {"a": 1}, "timestamp": {{Now * 1000}}}, {"metrics": {"a": true}, "timestamp": {{Now * 1000}}}]}""");
        Assert.Null(report);
        Assert.Equal(["data[1].metrics.a"], errors.Keys);
    }

    [Fact]
    public void Too_many_samples_throws_the_limit()
    {
        var points = string.Join(",", Enumerable.Range(0, 6).Select(i => $$"""{"metrics": {"a": {{i}}}, "timestamp": {{Now * 1000}}}"""));
        var ex = Assert.Throws<CustomReportTooLargeException>(() => Parse($$"""{"data_id": 1, "access_token": "t", "data": [{{points}}]}"""));
        Assert.Equal(5, ex.Limit);
    }
}
