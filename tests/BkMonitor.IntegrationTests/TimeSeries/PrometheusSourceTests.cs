using BkMonitor.Grains.TimeSeries;
using BkMonitor.IntegrationTests.Fixtures;

namespace BkMonitor.IntegrationTests.TimeSeries;

/// <summary>The Prometheus source against a real Prometheus server scraping a local target.</summary>
public sealed class PrometheusSourceTests(PrometheusFixture prometheus) : IClassFixture<PrometheusFixture>
{
    [Fact]
    public async Task Query_range_returns_scraped_values_per_series_in_step_buckets()
    {
        prometheus.Expose("""
            # TYPE bkm_disk_usage gauge
            bkm_disk_usage{ip="10.0.0.1",disk="/"} 42
            bkm_disk_usage{ip="10.0.0.2",disk="/"} 7.5
            """);
        using var http = new HttpClient { BaseAddress = prometheus.BaseAddress };
        var source = new PrometheusTimeSeriesSource(http);
        var step = 2;
        IReadOnlyList<SeriesBucket> buckets = [];
        // Prometheus needs a few scrapes before a range has points: wait for them (bounded), then assert.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (buckets.Select(b => b.Dimensions["ip"]).Distinct().Count() < 2)
        {
            await Task.Delay(500, deadline.Token);
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var query = new TimeSeriesQuery("prometheus", "bkm_disk_usage", AggMethod.Avg, step, [], now - 30, now)
            {
                PromQl = "max_over_time(bkm_disk_usage[2s])",
            };
            buckets = await source.QueryAsync(query, deadline.Token);
        }
        Assert.All(buckets.Where(b => b.Dimensions["ip"] == "10.0.0.1"), b => Assert.Equal(42, b.Value));
        Assert.All(buckets.Where(b => b.Dimensions["ip"] == "10.0.0.2"), b => Assert.Equal(7.5, b.Value));
        Assert.All(buckets, b => Assert.Equal(0, b.Time % step));
        Assert.DoesNotContain(buckets, b => b.Dimensions.ContainsKey("__name__"));
        Assert.Equal("bkm-target", buckets[0].Dimensions["job"]);
    }

    [Fact]
    public async Task Invalid_promql_is_a_clear_error()
    {
        using var http = new HttpClient { BaseAddress = prometheus.BaseAddress };
        var source = new PrometheusTimeSeriesSource(http);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var query = new TimeSeriesQuery("prometheus", "x", AggMethod.Avg, 60, [], now - 600, now) { PromQl = "sum(((" };
        var ex = await Assert.ThrowsAsync<PrometheusQueryException>(() => source.QueryAsync(query, CancellationToken.None));
        Assert.Contains("400", ex.Message);
    }
}
