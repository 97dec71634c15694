using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BkMonitor.ClientApi.Hosting;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Benchmarks.Hosting;

/// <summary>
/// One silo with the whole alarm pipeline (memory storage, streams and reminders; a fake clock the driver moves
/// with the data's own time) and the REST gateway on a real Kestrel port, reached by a real <see cref="HttpClient"/>.
/// </summary>
public sealed class AlarmBenchHost : IAsyncDisposable
{
    private const string AdminToken = "bench-admin";
    private WebApplication? _app;

    private AlarmBenchHost(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public FakeTimeProvider Clock => Cluster.FakeTime;

    public PipelineCounters Counters => Cluster.Silos[0].Services.GetRequiredService<PipelineCounters>();

    public HttpClient Http { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromMinutes(2) };

    public static async Task<AlarmBenchHost> StartAsync(long clockStart)
    {
        var cluster = await TestCluster.StartAsync(o =>
        {
            o.TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(clockStart));
            // The driver moves the clock a period per round: calls and idle activations must not expire on it.
            o.ResponseTimeout = TimeSpan.FromDays(30);
            o.CollectionAge = TimeSpan.FromDays(30);
            if (Environment.GetEnvironmentVariable("BKBENCH_LOG") is { Length: > 0 } level)
            {
                o.ConfigureLogging = logging => logging.AddSimpleConsole().SetMinimumLevel(Enum.Parse<LogLevel>(level));
            }
            o.ConfigureSilo = silo => silo
                .AddMemoryGrainStorage()
                .UseInMemoryReminderService()
                .AddMemoryStreams()
                .AddBkMonitorGrains();
        });
        var host = new AlarmBenchHost(cluster);
        await host.StartGatewayAsync();
        return host;
    }

    /// <summary>A webhook action config to <paramref name="url"/>; returns its id.</summary>
    public async Task<int> CreateWebhookAsync(string url)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/action_configs", new
        {
            name = "bench receiver", bk_biz_id = 2, plugin_type = "webhook",
            execute_config = new { url, method = "POST", headers = new Dictionary<string, string>() },
        });
        return (await ReadAsync(response))["id"]!.GetValue<int>();
    }

    /// <summary>A custom time-series data source and a strategy on its table running <paramref name="actionConfigId"/>.</summary>
    public async Task<BenchTable> CreateTableAsync(int actionConfigId)
    {
        using var source = await Http.PostAsJsonAsync("/api/v1/data_sources", new
        {
            bk_biz_id = 2, data_name = $"bench {Guid.NewGuid():N}", etl_config = "bk_standard_v2_time_series", data_type_label = "time_series",
        });
        var created = await ReadAsync(source);
        var table = created["result_table_id"]!.GetValue<string>();
        using var body = new StringContent(AlarmBenchStrategy.Json(table, actionConfigId: actionConfigId), Encoding.UTF8, "application/json");
        using var strategy = await Http.PostAsync("/api/v1/strategies", body);
        var strategyId = (await ReadAsync(strategy))["id"]!.GetValue<long>();
        return new BenchTable(created["bk_data_id"]!.GetValue<int>(), created["access_token"]!.GetValue<string>(), table, strategyId);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    private async Task StartGatewayAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["BKMONITOR_ADMIN_TOKEN"] = AdminToken;
        builder.Configuration["BKMONITOR_DATA_DIR"] = Path.Combine(Path.GetTempPath(), "bkmonitor-bench");
        builder.Configuration["urls"] = "http://127.0.0.1:0";
        builder.Logging.ClearProviders();
        builder.AddBkMonitorGateway();
        // The gateway runs beside the silo, as in the embedded default.
        builder.Services.AddSingleton(Cluster.GrainFactory);
        builder.Services.AddSingleton(Cluster.Silos[0].Services.GetRequiredService<IClusterManagement>());
        builder.Services.AddSingleton(new PrometheusExporter("BkMonitor"));
        _app = builder.Build();
        _app.MapBkMonitorGateway();
        await _app.StartAsync();
        Http.BaseAddress = new Uri(_app.Urls.First());
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}

/// <summary>A data source (id, token, result table) and the strategy reading it.</summary>
public sealed record BenchTable(int DataId, string Token, string Table, long StrategyId);
