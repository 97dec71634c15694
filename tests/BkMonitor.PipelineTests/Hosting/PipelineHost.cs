using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BkMonitor.ClientApi.Hosting;
using BkMonitor.Grains.Hosting;
using BkMonitor.Grains.TimeSeries;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Reminders;
using BkMonitor.Runtime.Storage;
using BkMonitor.Runtime.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.PipelineTests.Hosting;

/// <summary>
/// An in-process cluster (fake clock, memory state shared by the silos, memory streams) with the pipeline
/// grains and the REST gateway on a test server: tests talk REST and read what reaches <c>alert_event</c>.
/// </summary>
public class PipelineHost : IAsyncLifetime
{
    public const string AdminToken = "pipeline-test-admin";

    /// <summary>A multiple of 60; the clock starts ten minutes later, so pushed points are recent, not future.</summary>
    public const long T0 = 1_700_000_040;

    private WebApplication? _app;

    protected virtual int Silos => 1;

    /// <summary>Per-silo options (roles) of a derived host.</summary>
    protected virtual void ConfigureSiloOptions(int index, SiloOptions options)
    {
    }

    public TestCluster Cluster { get; private set; } = null!;

    public FakeTimeProvider Clock => Cluster.FakeTime;

    public AlertEventLog Events { get; } = new();

    public TimeSeriesStore Store { get; } = new(TimeSpan.FromDays(8));

    public MemoryGrainStorage Storage { get; } = new(ProviderNames.DefaultStorage, new JsonGrainStateSerializer());

    public InMemoryReminderTable Reminders { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public long Now => Clock.GetUtcNow().ToUnixTimeSeconds();

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(options =>
        {
            options.InitialSilosCount = Silos;
            options.ConfigureSiloOptions = ConfigureSiloOptions;
            options.TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(T0 + 600));
            // Call timeouts run on the fake clock too: tests move it by whole intervals, which must never time out
            // a call that is merely still running.
            options.ResponseTimeout = TimeSpan.FromDays(1);
            options.ConfigureSilo = silo =>
            {
                silo.AddMemoryGrainStorage(ProviderNames.DefaultStorage, Storage)
                    .UseInMemoryReminderService(Reminders)
                    .AddMemoryStreams(ProviderNames.DefaultStreams)
                    .AddBkMonitorGrains(pipeline => pipeline.Store = Store);
                silo.Services.AddSingleton(Events);
            };
        });
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["BKMONITOR_ADMIN_TOKEN"] = AdminToken;
        builder.AddBkMonitorGateway();
        builder.WebHost.UseTestServer();
        // The gateway runs beside the first silo, as in the embedded default: it uses that silo's services.
        var silo = Cluster.Silos[0].Services;
        builder.Services.AddSingleton(Cluster.GrainFactory);
        builder.Services.AddSingleton(silo.GetRequiredService<IClusterManagement>());
        builder.Services.AddSingleton(new PrometheusExporter("BkMonitor"));
        _app = builder.Build();
        _app.MapBkMonitorGateway();
        await _app.StartAsync();
        Http = _app.GetTestClient();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Creates a custom time-series data source; returns its id, token and table.</summary>
    public async Task<(int DataId, string Token, string Table)> CreateDataSourceAsync(int bkBizId = 2)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/data_sources", new
        {
            bk_biz_id = bkBizId, data_name = $"custom {Guid.NewGuid():N}", etl_config = "bk_standard_v2_time_series", data_type_label = "time_series",
        });
        var body = await ReadJsonAsync(response, 201);
        return (body["bk_data_id"]!.GetValue<int>(), body["access_token"]!.GetValue<string>(), body["result_table_id"]!.GetValue<string>());
    }

    public async Task<JsonObject> CreateStrategyAsync(string json)
    {
        using var response = await Http.PostAsync("/api/v1/strategies", JsonContent(json));
        return await ReadJsonAsync(response, 201);
    }

    /// <summary>Pushes one report of <paramref name="points"/> (host, data time s, cpu) and expects it accepted.</summary>
    public async Task<JsonObject> PushAsync(int dataId, string token, params (string Host, long Time, double Cpu)[] points)
    {
        using var response = await Http.PostAsync("/v2/push/", JsonContent(Report(dataId, token, points)));
        return await ReadJsonAsync(response, 200);
    }

    public static string Report(int dataId, string token, IEnumerable<(string Host, long Time, double Cpu)> points) =>
        JsonSerializer.Serialize(new
        {
            data_id = dataId,
            access_token = token,
            data = points.Select(p => new { metrics = new { cpu = p.Cpu }, dimension = new { host = p.Host }, timestamp = p.Time * 1000 }),
        });

    public static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
