using System.Globalization;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Redis.Connections;

namespace BkMonitor.Runtime.Redis.Health;

/// <summary>Pings every node of one Redis provider; reports per-node round-trip latency.</summary>
internal sealed class RedisHealthReporter(string provider, RedisNodeConnections connections, TimeSpan timeout) : IHealthReporter
{
    /// <summary>A round trip slower than this marks the provider degraded.</summary>
    public static readonly TimeSpan SlowPing = TimeSpan.FromMilliseconds(100);

    public string Namespace => "redis";

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var metrics = new List<HealthMetric>();
        var problems = new List<string>();
        var slow = false;
        foreach (var node in connections.Nodes)
        {
            try
            {
                var db = await connections.GetDatabaseAsync(node.Name).WaitAsync(timeout, cancellationToken);
                var latency = await db.PingAsync().WaitAsync(timeout, cancellationToken);
                var ms = latency.TotalMilliseconds;
                RedisInstruments.PingDuration.Record(ms, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("node", node.Name));
                metrics.Add(new HealthMetric($"{node.Name}.ping_ms", ms, "ms"));
                slow |= latency > SlowPing;
            }
            catch (Exception ex) when (RedisRetryPolicy.IsTransient(ex) || ex is StackExchange.Redis.RedisException)
            {
                metrics.Add(new HealthMetric($"{node.Name}.up", 0));
                problems.Add($"node {RedisNodeConnections.Describe(node)}: {ex.Message}");
            }
        }
        if (problems.Count > 0)
        {
            return new HealthReport(Namespace, HealthReport.Failing, $"{provider}: {string.Join("; ", problems)}", metrics);
        }
        var message = string.Create(CultureInfo.InvariantCulture, $"{provider}: {connections.Nodes.Count} node(s) answer");
        return new HealthReport(Namespace, slow ? HealthReport.Degraded : HealthReport.Ok, message, metrics);
    }
}
