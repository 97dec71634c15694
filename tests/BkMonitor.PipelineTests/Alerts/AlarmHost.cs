using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BkMonitor.ClientApi.Hosting;
using BkMonitor.Grains.Alerts;
using BkMonitor.Grains.Hosting;
using BkMonitor.Grains.TimeSeries;
using BkMonitor.PipelineTests.Hosting;
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
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>
/// The pipeline cluster (fake clock, shared memory storage, streams and reminders) with the alarm second half
/// sharing one alert index, the REST gateway on a test server and a real webhook receiver on loopback.
/// </summary>
public class AlarmHost : IAsyncLifetime
{
    private WebApplication? _app;

    protected virtual int Silos => 1;

    public TestCluster Cluster { get; private set; } = null!;

    public FakeTimeProvider Clock => Cluster.FakeTime;

    public AlertEventLog Events { get; } = new();

    public InMemoryAlertIndex Index { get; } = new();

    public WebhookReceiver Receiver { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public InMemoryReminderTable Reminders { get; } = new();

    private TimeSeriesStore Store { get; } = new(TimeSpan.FromDays(8));

    private MemoryGrainStorage Storage { get; } = new(ProviderNames.DefaultStorage, new JsonGrainStateSerializer());

    public async Task InitializeAsync()
    {
        await Receiver.StartAsync();
        Cluster = await TestCluster.StartAsync(options =>
        {
            options.InitialSilosCount = Silos;
            options.TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(T0 + 600));
            // As in PipelineHost: tests that move the fake clock must not time out calls that are merely running.
            options.ResponseTimeout = TimeSpan.FromDays(1);
            options.ConfigureSilo = silo =>
            {
                silo.AddMemoryGrainStorage(ProviderNames.DefaultStorage, Storage)
                    .UseInMemoryReminderService(Reminders)
                    .AddMemoryStreams(ProviderNames.DefaultStreams)
                    .AddAlarmSecondHalf(alarm =>
                    {
                        alarm.Index = Index;
                        alarm.WebhookBaseDelay = TimeSpan.FromMilliseconds(50);
                    })
                    .AddBkMonitorGrains(pipeline => pipeline.Store = Store);
                silo.Services.AddSingleton(Events);
            };
        });
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["BKMONITOR_ADMIN_TOKEN"] = AdminToken;
        builder.AddBkMonitorGateway();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(Cluster.GrainFactory);
        builder.Services.AddSingleton(Cluster.Silos[0].Services.GetRequiredService<IClusterManagement>());
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
        await Receiver.DisposeAsync();
    }

    /// <summary>
    /// A data source, a webhook action config to the receiver, and a strategy (cpu ≥ 90 once) running it on every signal.
    /// </summary>
    /// <param name="bodyTemplate">The webhook's body template; null sends the Alertmanager payload.</param>
    /// <param name="actionOptions">The action relation's <c>options</c> (e.g. a converge_config).</param>
    /// <param name="configure">Changes the strategy body before it is created.</param>
    public async Task<AlarmSetup> SetUpAsync(string? bodyTemplate = null, JsonObject? actionOptions = null, Action<JsonObject>? configure = null)
    {
        var (dataId, token, table) = await CreateDataSourceAsync();
        using var action = await Http.PostAsJsonAsync("/api/v1/action_configs", new
        {
            name = "receiver", bk_biz_id = 2, plugin_type = "webhook",
            execute_config = new { url = Receiver.Url, method = "POST", headers = new Dictionary<string, string>(), body_template = bodyTemplate },
        });
        var configId = (await ReadJsonAsync(action, 201))["id"]!.GetValue<int>();
        var strategy = JsonNode.Parse(StrategyBodies.Threshold(table, count: 1, window: 1))!.AsObject();
        strategy["actions"] = new JsonArray(new JsonObject
        {
            ["config_id"] = configId,
            ["user_groups"] = new JsonArray(),
            ["signal"] = new JsonArray("abnormal", "recovered", "closed", "ack"),
            ["options"] = actionOptions ?? new JsonObject(),
        });
        configure?.Invoke(strategy);
        using var response = await Http.PostAsync("/api/v1/strategies", JsonContent(strategy.ToJsonString()));
        var strategyId = (await ReadJsonAsync(response, 201))["id"]!.GetValue<long>();
        return new AlarmSetup(dataId, token, strategyId, configId);
    }

    /// <summary>A custom time-series data source of biz 2: its id, token and result table.</summary>
    public async Task<(int DataId, string Token, string Table)> CreateDataSourceAsync()
    {
        using var source = await Http.PostAsJsonAsync("/api/v1/data_sources", new
        {
            bk_biz_id = 2, data_name = $"custom {Guid.NewGuid():N}", etl_config = "bk_standard_v2_time_series", data_type_label = "time_series",
        });
        var created = await ReadJsonAsync(source, 201);
        return (created["bk_data_id"]!.GetValue<int>(), created["access_token"]!.GetValue<string>(), created["result_table_id"]!.GetValue<string>());
    }

    public async Task PushAsync(AlarmSetup setup, string host, long time, double cpu)
    {
        using var response = await Http.PostAsync("/v2/push/", JsonContent(Report(setup.DataId, setup.Token, [(host, time, cpu)])));
        await ReadJsonAsync(response, 200);
    }
}

/// <summary>What <see cref="AlarmHost.SetUpAsync"/> created.</summary>
public sealed record AlarmSetup(int DataId, string Token, long StrategyId, int ActionConfigId);
