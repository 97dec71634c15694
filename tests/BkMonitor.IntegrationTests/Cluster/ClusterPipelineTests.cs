using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BkMonitor.IntegrationTests.Fixtures;

namespace BkMonitor.IntegrationTests.Cluster;

/// <summary>
/// The alarm pipeline in cluster mode: silo processes on real Redis (membership, grain state, streams) and
/// PostgreSQL (reminders). Configuration written through one silo is served by another; a pushed anomaly becomes
/// an alert whose webhook reaches a real HTTP receiver.
/// </summary>
public sealed class ClusterPipelineTests(RedisServerFixture redis, PostgresServerFixture postgres)
    : IClassFixture<RedisServerFixture>, IClassFixture<PostgresServerFixture>
{
    private const string AdminToken = "cluster-pipeline-admin";

    [Fact]
    public async Task A_strategy_saved_through_one_silo_is_read_through_the_other()
    {
        var clusterId = $"p{Guid.NewGuid():N}"[..13];
        await using var first = await StartAsync("first", clusterId);
        await using var second = await StartAsync("second", clusterId);
        var (_, _, table) = await CreateDataSourceAsync(first);

        var created = await SendAsync(first, HttpMethod.Post, "/api/v1/strategies", StrategyBody(table, actionConfigId: null), 201);
        var id = created["id"]!.GetValue<long>();

        var read = await SendAsync(second, HttpMethod.Get, $"/api/v1/strategies/{id}", null, 200);
        Assert.Equal(("cpu high", 2L), (read["name"]!.GetValue<string>(), read["bk_biz_id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_pushed_anomaly_opens_an_alert_and_its_webhook_arrives_with_an_idempotency_key()
    {
        var webhook = new TaskCompletionSource<(string Key, JsonObject Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var receiver = new LoopbackHttpServer((request, body) =>
        {
            webhook.TrySetResult((request.Headers["Idempotency-Key"] ?? "", JsonNode.Parse(body)!.AsObject()));
            return (200, "application/json", "{}");
        });
        await using var silo = await StartAsync("solo", $"p{Guid.NewGuid():N}"[..13]);
        var (dataId, token, table) = await CreateDataSourceAsync(silo);
        var action = await SendAsync(silo, HttpMethod.Post, "/api/v1/action_configs", $$$"""
            {"name": "receiver", "bk_biz_id": 2, "plugin_type": "webhook",
             "execute_config": {"url": "{{{receiver.BaseUrl}}}hook", "method": "POST", "headers": {} } }
            """, 201);
        var strategy = await SendAsync(silo, HttpMethod.Post, "/api/v1/strategies", StrategyBody(table, action["id"]!.GetValue<int>()), 201);

        var minute = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 - 60;
        await SendAsync(silo, HttpMethod.Post, "/v2/push/", $$"""
            {"data_id": {{dataId}}, "access_token": "{{token}}",
             "data": [{"metrics": {"cpu": 97}, "target": "127.0.0.1", "dimension": {"host": "h1"}, "timestamp": {{minute * 1000}}}]}
            """, 200);

        var arrived = await Task.WhenAny(webhook.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(arrived == webhook.Task, $"no webhook within 60 s; silo output:\n{silo.Output}");
        var (key, body) = await webhook.Task;
        Assert.False(string.IsNullOrEmpty(key));
        var labels = body["alerts"]![0]!["labels"]!;
        Assert.Equal(strategy["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture), labels["strategy_id"]!.GetValue<string>());
        var alert = await SendAsync(silo, HttpMethod.Get, $"/api/v1/alerts/{labels["alert_id"]!.GetValue<string>()}", null, 200);
        Assert.Equal(("ABNORMAL", minute), (alert["status"]!.GetValue<string>(), alert["begin_time"]!.GetValue<long>()));
    }

    private Task<ClusterSiloProcess> StartAsync(string name, string clusterId) => ClusterSiloProcess.StartAsync(name, new Dictionary<string, string>
    {
        ["BKMONITOR_CLUSTER_ID"] = clusterId,
        ["BKMONITOR_REDIS__NODES"] = $$"""[{"name":"default","connectionString":"127.0.0.1:{{redis.Port}}","isDefault":true}]""",
        ["BKMONITOR_POSTGRES__CONNECTIONSTRING"] = postgres.ConnectionString,
        ["BKMONITOR_ADMIN_TOKEN"] = AdminToken,
    });

    private static async Task<(int DataId, string Token, string Table)> CreateDataSourceAsync(ClusterSiloProcess silo)
    {
        var created = await SendAsync(silo, HttpMethod.Post, "/api/v1/data_sources", $$"""
            {"bk_biz_id": 2, "data_name": "cluster {{Guid.NewGuid():N}}", "etl_config": "bk_standard_v2_time_series", "data_type_label": "time_series"}
            """, 201);
        return (created["bk_data_id"]!.GetValue<int>(), created["access_token"]!.GetValue<string>(), created["result_table_id"]!.GetValue<string>());
    }

    private static string StrategyBody(string table, int? actionConfigId)
    {
        var actions = actionConfigId is { } id ? $$"""{"config_id": {{id}}, "user_groups": [], "signal": ["abnormal"]}""" : "";
        return $$"""
        {
          "bk_biz_id": 2, "name": "cpu high", "scenario": "os",
          "items": [{
            "name": "cpu usage", "no_data_config": {"is_enabled": false},
            "algorithms": [{"type": "Threshold", "level": 1, "config": [[{"threshold": 90, "method": "gte"}]], "unit_prefix": ""}],
            "query_configs": [{
              "data_source_label": "custom", "data_type_label": "time_series", "metric_id": "custom.{{table}}.cpu",
              "result_table_id": "{{table}}", "metric_field": "cpu", "agg_method": "avg", "agg_interval": 60,
              "agg_dimension": ["host"], "agg_condition": [], "unit": "percent"
            }]
          }],
          "detects": [{"level": 1, "connector": "and", "trigger_config": {"count": 1, "check_window": 1},
                       "recovery_config": {"check_window": 5, "status_setter": "recovery"} }],
          "actions": [{{actions}}]
        }
        """;
    }

    private static async Task<JsonObject> SendAsync(ClusterSiloProcess silo, HttpMethod method, string path, string? body, int expected)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await silo.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{method} {path}: expected {expected}, got {(int)response.StatusCode}: {text}\n{silo.Output}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
