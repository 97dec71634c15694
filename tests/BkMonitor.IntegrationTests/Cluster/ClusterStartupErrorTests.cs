using BkMonitor.IntegrationTests.Fixtures;

namespace BkMonitor.IntegrationTests.Cluster;

/// <summary>A silo process whose Redis or PostgreSQL is unreachable at start exits non-zero and names the endpoint.</summary>
public sealed class ClusterStartupErrorTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Unreachable_redis_stops_the_silo_with_an_error_naming_its_endpoint()
    {
        var closed = ServerProcess.FreePort();
        await using var silo = await ClusterSiloProcess.StartAsync("no-redis", new Dictionary<string, string>
        {
            ["BKMONITOR_CLUSTER_ID"] = "startup-redis",
            ["BKMONITOR_REDIS__NODES"] = $$"""[{"name":"default","connectionString":"127.0.0.1:{{closed}},connectTimeout=1000","isDefault":true}]""",
            ["BKMONITOR_POSTGRES__CONNECTIONSTRING"] = "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=2",
        }, waitUntilListening: false);

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("failed to start", silo.Output, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{closed}", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_postgres_stops_the_silo_with_an_error_naming_its_endpoint()
    {
        var closed = ServerProcess.FreePort();
        await using var silo = await ClusterSiloProcess.StartAsync("no-postgres", new Dictionary<string, string>
        {
            ["BKMONITOR_CLUSTER_ID"] = $"startup-pg-{Guid.NewGuid():N}"[..20],
            ["BKMONITOR_REDIS__NODES"] = $$"""[{"name":"default","connectionString":"127.0.0.1:{{redis.Port}}","isDefault":true}]""",
            ["BKMONITOR_POSTGRES__CONNECTIONSTRING"] = $"Host=127.0.0.1;Port={closed};Username=x;Password=y;Database=reminders;Timeout=2",
        }, waitUntilListening: false);

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("failed to start", silo.Output, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{closed}/reminders", silo.Output, StringComparison.Ordinal);
    }
}
