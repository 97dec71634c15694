using BkMonitor.Runtime;
using BkMonitor.Runtime.Redis;
using BkMonitor.Runtime.Redis.Connections;
using BkMonitor.Runtime.Redis.Hosting;
using BkMonitor.Runtime.Redis.Membership;
using BkMonitor.Runtime.Redis.Storage;
using BkMonitor.Runtime.Redis.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>Builds Redis providers through the silo-builder extensions, each under a key prefix of its own.</summary>
internal sealed class RedisTestProviders : IDisposable
{
    private readonly ServiceProvider _services;

    private RedisTestProviders(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    public static RedisTestProviders Storage(string name, string connectionString, Action<RedisStorageOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = new TestSiloBuilder();
        services?.Invoke(builder.Services);
        builder.AddRedisGrainStorage(name, o =>
        {
            o.Env = TestSiloBuilder.UniqueEnv();
            o.Nodes.Add(new RedisNodeOptions { Name = "main", ConnectionString = connectionString });
            configure?.Invoke(o);
        });
        return new RedisTestProviders(builder.Build());
    }

    public static RedisTestProviders Membership(string connectionString)
    {
        var builder = new TestSiloBuilder();
        builder.UseRedisClustering(o =>
        {
            o.Env = TestSiloBuilder.UniqueEnv();
            o.Node = new RedisNodeOptions { Name = "membership", ConnectionString = connectionString };
        });
        return new RedisTestProviders(builder.Build());
    }

    public static RedisTestProviders Streams(string name, string connectionString, Action<RedisStreamOptions>? configure = null)
    {
        var builder = new TestSiloBuilder();
        builder.AddRedisStreamQueues(name, o =>
        {
            o.Env = TestSiloBuilder.UniqueEnv();
            o.Node = new RedisNodeOptions { Name = "streams", ConnectionString = connectionString };
            configure?.Invoke(o);
        });
        return new RedisTestProviders(builder.Build());
    }

    public RedisGrainStorage GrainStorage(string name) => (RedisGrainStorage)_services.GetRequiredKeyedService<IGrainStorage>(name);

    public RedisMembershipTable MembershipTable => (RedisMembershipTable)_services.GetRequiredService<IMembershipTable>();

    public RedisStreamQueues StreamQueues(string name) => _services.GetRequiredKeyedService<RedisStreamQueues>(name);

    /// <summary>The provider's own connections (same socket as its commands, so a command sent here runs before theirs).</summary>
    public RedisNodeConnections Connections(string key) => _services.GetRequiredKeyedService<RedisNodeConnections>(key);

    public void Dispose() => _services.Dispose();
}
