using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.IntegrationTests.Redis;

namespace BkMonitor.IntegrationTests.Cluster;

/// <summary>
/// A cluster-mode silo process seen from outside: its <c>/metrics</c> passes <c>promtool check metrics</c> and a real
/// Prometheus scrape (the Redis stream provider tags its meter and its measurements with <c>provider</c>), its
/// <c>/healthz</c> has a <c>postgres</c> entry, and a request that needs Redis while Redis is down is a 503
/// problem+json with Retry-After, not a 500.
/// </summary>
public sealed class ClusterObservabilityTests(DurableRedisFixture redis, PostgresServerFixture postgres, PrometheusFixture prometheus)
    : IClassFixture<DurableRedisFixture>, IClassFixture<PostgresServerFixture>, IClassFixture<PrometheusFixture>
{
    [Fact]
    public async Task Metrics_pass_promtool_and_a_prometheus_scrape_and_health_reports_postgres()
    {
        await using var silo = await StartAsync("observed");
        var metrics = await silo.Http.GetStringAsync("metrics");
        Assert.Contains("bkmonitor_streams_queue_depth{provider=\"Default\"", metrics, StringComparison.Ordinal);
        Assert.Equal("", await PromtoolProblemsAsync(metrics));

        prometheus.Expose(metrics);
        await WaitForScrapedSeriesAsync("bkmonitor_streams_queue_depth");

        var health = JsonNode.Parse(await silo.Http.GetStringAsync("healthz"))!;
        var postgresCheck = health["checks"]!.AsArray().Single(c => c!["namespace"]!.GetValue<string>() == "postgres")!;
        Assert.NotEqual("failing", postgresCheck["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_that_needs_redis_while_it_is_down_is_a_503_problem_with_retry_after()
    {
        await using var silo = await StartAsync("stranded");
        using var http = new HttpClient { BaseAddress = silo.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
        await redis.StopAsync();
        try
        {
            // A strategy never read before: its grain activates and reads its state from Redis.
            using var response = await http.GetAsync("api/v1/strategies/987654321");
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            var problem = JsonNode.Parse(body)!;
            Assert.Equal(("Service unavailable", 503), (problem["title"]!.GetValue<string>(), problem["status"]!.GetValue<int>()));
            Assert.DoesNotContain($"{redis.Port}", body, StringComparison.Ordinal);
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    private const string AdminToken = "cluster-observability-admin";

    private Task<ClusterSiloProcess> StartAsync(string name) => ClusterSiloProcess.StartAsync(name, new Dictionary<string, string>
    {
        ["BKMONITOR_CLUSTER_ID"] = $"o{Guid.NewGuid():N}"[..13],
        ["BKMONITOR_REDIS__NODES"] = $$"""[{"name":"default","connectionString":"127.0.0.1:{{redis.Port}}","isDefault":true}]""",
        ["BKMONITOR_POSTGRES__CONNECTIONSTRING"] = postgres.ConnectionString,
        ["BKMONITOR_ADMIN_TOKEN"] = AdminToken,
    });

    /// <summary>What <c>promtool check metrics</c> reports for the exposition: "" when it accepts it.</summary>
    private static async Task<string> PromtoolProblemsAsync(string exposition)
    {
        var binary = ServerProcess.FindBinary("promtool")
            ?? throw new InvalidOperationException("promtool is not installed: run ./scripts/test.sh, which installs it (apt-get install prometheus).");
        var info = new ProcessStartInfo(binary) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("check");
        info.ArgumentList.Add("metrics");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        var text = (await output + await errors).Trim();
        return process.ExitCode == 0 ? text : $"exit {process.ExitCode}: {text}";
    }

    /// <summary>Waits (bounded) until Prometheus has stored a series of <paramref name="metric"/> from the target; fails with the scrape error.</summary>
    private async Task WaitForScrapedSeriesAsync(string metric)
    {
        using var http = new HttpClient { BaseAddress = prometheus.BaseAddress };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var result = JsonNode.Parse(await http.GetStringAsync($"api/v1/query?query={metric}", CancellationToken.None))!["data"]!["result"]!.AsArray();
            if (result.Count > 0) return;
            try
            {
                await Task.Delay(200, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Prometheus stored no {metric} series; targets: {await http.GetStringAsync("api/v1/targets")}");
            }
        }
    }
}
