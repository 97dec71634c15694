using System.Text.Json;
using BkMonitor.Grains.Diagnostics;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Postgres.Hosting;
using BkMonitor.Runtime.Redis;
using BkMonitor.Runtime.Redis.Hosting;

namespace BkMonitor.Silo.Hosting;

/// <summary>
/// Cluster mode (<c>BKMONITOR_CLUSTERING=redis</c>, what the Helm chart sets): membership in Redis with the TCP
/// transport between silos, grain state on the Redis nodes (CacheRouter sharding), reminders and the alert index on PostgreSQL, streams on Redis Streams.
/// Settings come from the chart's variables: <c>BKMONITOR_REDIS__NODES</c> (JSON list of nodes),
/// <c>BKMONITOR_REDIS__ROUTERS</c>, <c>BKMONITOR_POSTGRES__CONNECTIONSTRING</c> (+ <c>__PASSWORD</c>),
/// <c>BKMONITOR_STREAMS__QUEUES</c> (stream queue count, default 8), <c>BKMONITOR_SERVICE_ID</c>, <c>BKMONITOR_CLUSTER_ID</c> and <c>BKMONITOR_SILO__*</c> (silo options).
/// </summary>
public static class ClusterSiloExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static bool IsClusterMode(IConfiguration configuration)
        => string.Equals(configuration["CLUSTERING"], "redis", StringComparison.OrdinalIgnoreCase);

    public static WebApplicationBuilder AddClusterSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var serviceId = configuration["SERVICE_ID"] is { Length: > 0 } s ? s : "bkmonitor";
        var clusterId = configuration["CLUSTER_ID"] is { Length: > 0 } c ? c : "default";
        var nodes = ReadList<RedisNodeOptions>(configuration, "REDIS:NODES", required: true);
        var routers = ReadList<RedisRouterOptions>(configuration, "REDIS:ROUTERS", required: false);
        var postgres = PostgresConnectionString(configuration);
        var membershipNode = nodes.FirstOrDefault(n => n.IsDefault) ?? nodes[0];
        // Nothing else in the host touches the grains assembly before the first call: register its grains now.
        GrainTypeRegistry.RegisterAssemblies([typeof(ClusterProbeGrain).Assembly]);

        // BKMONITOR_SILO__X arrives as SILO:X once the prefix is stripped; the runtime binds BkMonitor:Silo.
        builder.Services.Configure<SiloOptions>(configuration.GetSection("SILO"));
        builder.Services.Configure<SiloOptions>(o =>
        {
            o.ServiceId = serviceId;
            o.ClusterId = clusterId;
        });
        builder.UseBkMonitorSilo(silo => silo
            .UseRedisClustering(o =>
            {
                o.Node = membershipNode;
                o.ServiceId = serviceId;
                o.ClusterId = clusterId;
            })
            .UseNetworkClustering()
            .AddRedisGrainStorage(ProviderNames.DefaultStorage, o =>
            {
                o.Nodes.AddRange(nodes);
                o.Routers.AddRange(routers);
            })
            .UsePostgresReminderService(o =>
            {
                o.ConnectionString = postgres;
                o.ServiceId = serviceId;
            })
            // Alerts are searched cluster-wide: every silo indexes into the same PostgreSQL table.
            .AddPostgresAlertIndex(postgres)
            // Alarm stages cross silos through Redis Streams queues on the default node, owned along the silo ring.
            .AddRedisStreams(ProviderNames.DefaultStreams, o =>
            {
                o.Node = membershipNode;
                if (int.TryParse(configuration["STREAMS:QUEUES"], out var queues))
                {
                    o.QueueCount = queues;
                }
            })
            // The alarm pipeline, metadata and BCS grains. The built-in time-series store is still per silo (see docs/operations.md).
            .AddBkMonitorGrains());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    private static List<T> ReadList<T>(IConfiguration configuration, string key, bool required)
    {
        var variable = "BKMONITOR_" + key.Replace(":", "__", StringComparison.Ordinal);
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return required
                ? throw new InvalidOperationException($"{variable} is required in cluster mode: a JSON list such as [{{\"name\":\"default\",\"connectionString\":\"redis:6379\",\"isDefault\":true}}].")
                : [];
        }
        List<T>? list;
        try
        {
            list = JsonSerializer.Deserialize<List<T>>(text, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{variable} is not a valid JSON list: {ex.Message}", ex);
        }
        if (required && (list is null || list.Count == 0))
        {
            throw new InvalidOperationException($"{variable} must list at least one entry.");
        }
        return list ?? [];
    }

    private static string PostgresConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration["POSTGRES:CONNECTIONSTRING"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("BKMONITOR_POSTGRES__CONNECTIONSTRING is required in cluster mode (reminders and the alert index live in PostgreSQL).");
        }
        return configuration["POSTGRES:PASSWORD"] is { Length: > 0 } password
            ? $"{connectionString.TrimEnd(';')};Password={password}"
            : connectionString;
    }
}
