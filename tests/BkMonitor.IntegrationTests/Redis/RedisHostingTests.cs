using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Redis;
using BkMonitor.Runtime.Redis.Hosting;
using BkMonitor.Runtime.Redis.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>The silo-builder extensions register working providers, health reporters and start-up participants.</summary>
public sealed class RedisHostingTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task All_three_providers_register_and_start_against_a_live_server()
    {
        var builder = new TestSiloBuilder();
        var env = TestSiloBuilder.UniqueEnv();
        var node = new RedisNodeOptions { Name = "main", ConnectionString = redis.ConnectionString };
        builder.AddRedisGrainStorage(ProviderNames.DefaultStorage, o =>
        {
            o.Env = env;
            o.Nodes.Add(node);
        });
        builder.UseRedisClustering(o =>
        {
            o.Env = env;
            o.Node = node;
        });
        builder.AddRedisStreamQueues(ProviderNames.DefaultStreams, o =>
        {
            o.Env = env;
            o.Node = node;
            o.QueueCount = 3;
        });
        using var services = builder.Build();

        var participants = services.GetServices<ISiloLifecycleParticipant>().OrderBy(p => p.Stage).ToList();
        Assert.Equal([SiloStages.Storage, SiloStages.Membership - 10, SiloStages.Streams - 10], participants.Select(p => p.Stage));
        foreach (var participant in participants) await participant.StartAsync(CancellationToken.None);

        Assert.IsType<BkMonitor.Runtime.Redis.Storage.RedisGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(ProviderNames.DefaultStorage));
        Assert.IsType<BkMonitor.Runtime.Redis.Membership.RedisMembershipTable>(services.GetRequiredService<IMembershipTable>());
        var queues = services.GetRequiredKeyedService<RedisStreamQueues>(ProviderNames.DefaultStreams);
        // The streams participant created every queue with its consumer group.
        for (var q = 0; q < 3; q++) Assert.Equal(0, await queues.PendingCountAsync(q));

        var reports = await Task.WhenAll(services.GetServices<IHealthReporter>().Select(h => h.CheckAsync(CancellationToken.None)));
        Assert.Equal(3, reports.Length);
        Assert.All(reports, r =>
        {
            Assert.Equal("redis", r.Namespace);
            Assert.NotEqual(HealthReport.Failing, r.Status);
            Assert.Equal("main.ping_ms", Assert.Single(r.Metrics).Name);
        });
    }

    [Fact]
    public void Bad_options_are_refused_at_registration_naming_the_field()
    {
        var builder = new TestSiloBuilder();
        var storage = Assert.Throws<ArgumentException>(() => builder.AddRedisGrainStorage("s", o => o.StateTtl["window"] = TimeSpan.FromMinutes(1)));
        Assert.Contains("at least one node", storage.Message);
        var sentinel = Assert.Throws<ArgumentException>(() => builder.UseRedisClustering(o => o.Node = new RedisNodeOptions { Name = "m", Sentinels = ["10.0.0.1:26379"] }));
        Assert.Contains("MasterName", sentinel.Message);
        var streams = Assert.Throws<ArgumentException>(() => builder.AddRedisStreamQueues("alarm", o =>
        {
            o.Node = new RedisNodeOptions { ConnectionString = "127.0.0.1:1" };
            o.QueueCount = 0;
        }));
        Assert.Contains("'alarm': QueueCount", streams.Message);
    }

    [Fact]
    public void A_bk_monitor_cache_node_becomes_node_options()
    {
        var sentinel = RedisNodeOptions.FromCacheNode(new BkMonitor.Runtime.Redis.Routing.CacheNode
        {
            Id = 3, Host = "10.0.0.9", Port = 26379, Password = "pw", IsDefault = true,
            CacheType = BkMonitor.Runtime.Redis.Routing.CacheNodeType.SentinelRedisCache,
            ConnectionKwargs = new Dictionary<string, string> { ["master_name"] = "mymaster" },
        });
        Assert.Equal(("3", "mymaster", "pw", true), (sentinel.Name, sentinel.MasterName, sentinel.Password, sentinel.IsDefault));
        Assert.Equal(["10.0.0.9:26379"], sentinel.Sentinels);
        sentinel.Validate();

        var direct = RedisNodeOptions.FromCacheNode(new BkMonitor.Runtime.Redis.Routing.CacheNode { Id = 4, Host = "10.0.0.8", Port = 6379 });
        Assert.Equal("10.0.0.8:6379", direct.ConnectionString);
        Assert.Empty(direct.Sentinels);
    }

    [Fact]
    public async Task Health_turns_failing_when_the_server_is_gone()
    {
        var builder = new TestSiloBuilder();
        builder.AddRedisGrainStorage("gone", o =>
        {
            o.Nodes.Add(new RedisNodeOptions { Name = "n", ConnectionString = $"127.0.0.1:{ServerProcess.FreePort()},connectTimeout=500" });
            o.OperationTimeout = TimeSpan.FromSeconds(2);
        });
        using var services = builder.Build();
        var report = await services.GetRequiredService<IHealthReporter>().CheckAsync(CancellationToken.None);
        Assert.Equal(HealthReport.Failing, report.Status);
        Assert.Equal(("n.up", 0.0), (report.Metrics[0].Name, report.Metrics[0].Value));
    }
}
