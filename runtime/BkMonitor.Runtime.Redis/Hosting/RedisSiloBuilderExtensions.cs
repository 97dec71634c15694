using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Redis.Connections;
using BkMonitor.Runtime.Redis.Health;
using BkMonitor.Runtime.Redis.Membership;
using BkMonitor.Runtime.Redis.Storage;
using BkMonitor.Runtime.Redis.Streams;
using BkMonitor.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BkMonitor.Runtime.Redis.Hosting;

/// <summary>
/// Registers the Redis providers. Each provider gets its own connections, a health reporter (namespace
/// <c>redis</c>) and a start-up participant that fails the silo start naming an unreachable node.
/// </summary>
public static class RedisSiloBuilderExtensions
{
    /// <summary>Keyed <see cref="IGrainStorage"/> <paramref name="name"/> on Redis (the persistent-state factory is the runtime's).</summary>
    public static ISiloBuilder AddRedisGrainStorage(this ISiloBuilder builder, string name, Action<RedisStorageOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = new RedisStorageOptions();
        configure(options);
        options.Validate();
        var key = $"redis-storage:{name}";
        AddProviderServices(builder.Services, key, name, options, options.Nodes, SiloStages.Storage);
        builder.Services.AddKeyedSingleton(name, (sp, _) =>
            new RedisGrainStorage(name, options, RetryPolicy(sp, key, name, options), sp.GetService<IGrainStateSerializer>()));
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => sp.GetRequiredKeyedService<RedisGrainStorage>(name));
        // Grains reach the storage through the runtime's persistent-state factory, registered once per silo.
        builder.Services.AddSingleton(new GrainStorageRegistration(name, "redis"));
        builder.Services.TryAddSingleton<IPersistentStateFactory, PersistentStateFactory>();
        return builder;
    }

    /// <summary>The silo's <see cref="IMembershipTable"/> in Redis.</summary>
    public static ISiloBuilder UseRedisClustering(this ISiloBuilder builder, Action<RedisMembershipOptions> configure)
    {
        var options = new RedisMembershipOptions();
        configure(options);
        options.Validate();
        const string key = "redis-membership";
        AddProviderServices(builder.Services, key, "membership", options, [options.Node], SiloStages.Membership - 10);
        builder.Services.AddSingleton(sp => new RedisMembershipTable(options, RetryPolicy(sp, key, "membership", options)));
        builder.Services.AddSingleton<IMembershipTable>(sp => sp.GetRequiredService<RedisMembershipTable>());
        return builder;
    }

    /// <summary>Keyed <see cref="RedisStreamQueues"/> <paramref name="name"/>; consumer groups are created when the silo starts.</summary>
    public static ISiloBuilder AddRedisStreamQueues(this ISiloBuilder builder, string name, Action<RedisStreamOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = new RedisStreamOptions();
        configure(options);
        options.Validate(name);
        return AddStreamQueues(builder, name, options);
    }

    private static ISiloBuilder AddStreamQueues(ISiloBuilder builder, string name, RedisStreamOptions options)
    {
        var key = $"redis-streams:{name}";
        builder.Services.AddKeyedSingleton(name, (sp, _) => new RedisStreamQueues(name, options, RetryPolicy(sp, key, name, options)));
        AddProviderServices(builder.Services, key, name, options, [options.Node], SiloStages.Streams - 10,
            sp => ct => sp.GetRequiredKeyedService<RedisStreamQueues>(name).InitAsync(ct));
        return builder;
    }

    /// <summary>
    /// The persistent stream provider <paramref name="name"/> on Redis Streams (keyed <see cref="IStreamProvider"/>),
    /// a drop-in for <c>AddMemoryStreams</c>: queues owned by the silos of the ring, at-least-once with tokens.
    /// </summary>
    public static ISiloBuilder AddRedisStreams(this ISiloBuilder builder, string name, Action<RedisStreamOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = new RedisStreamOptions();
        configure(options);
        options.Validate(name);
        AddStreamQueues(builder, name, options);
        builder.Services.AddKeyedSingleton(name, (sp, _) => new RedisStreamProvider(
            name,
            sp.GetRequiredKeyedService<RedisStreamQueues>(name),
            options,
            sp.GetRequiredService<ISiloRing>(),
            sp.GetRequiredService<IGrainCallRuntime>,
            sp.GetRequiredService<ILogger<RedisStreamProvider>>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        builder.Services.AddKeyedSingleton<IStreamProvider>(name, (sp, key) => sp.GetRequiredKeyedService<RedisStreamProvider>(key));
        builder.Services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredKeyedService<RedisStreamProvider>(name));
        builder.Services.AddSingleton<IHealthReporter>(sp => sp.GetRequiredKeyedService<RedisStreamProvider>(name));
        return builder;
    }

    private static void AddProviderServices(
        IServiceCollection services, string key, string provider, RedisProviderOptions options, IReadOnlyList<RedisNodeOptions> nodes, int stage,
        Func<IServiceProvider, Func<CancellationToken, Task>>? afterConnect = null)
    {
        services.AddKeyedSingleton(key, (_, _) => new RedisNodeConnections(nodes));
        services.AddSingleton<IHealthReporter>(sp => new RedisHealthReporter(provider, sp.GetRequiredKeyedService<RedisNodeConnections>(key), options.OperationTimeout));
        services.AddSingleton<ISiloLifecycleParticipant>(sp => new RedisStartupCheck(sp.GetRequiredKeyedService<RedisNodeConnections>(key), stage, afterConnect?.Invoke(sp)));
    }

    private static RedisRetryPolicy RetryPolicy(IServiceProvider sp, string key, string provider, RedisProviderOptions options)
        => new(
            sp.GetRequiredKeyedService<RedisNodeConnections>(key),
            options,
            provider,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILoggerFactory>()?.CreateLogger(RedisInstruments.MeterName) ?? NullLogger.Instance);
}
