using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Redis;
using BkMonitor.Runtime.Redis.Hosting;
using BkMonitor.Runtime.Redis.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>
/// The Redis stream provider as a silo hosts it (registered by <c>AddRedisStreams</c>, started by its lifecycle
/// participants) over a hand-set ring and a given call runtime; several share queues through the same key prefix.
/// </summary>
internal sealed class RedisStreamTestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<ISiloLifecycleParticipant> _participants;
    private bool _stopped;

    private RedisStreamTestSilo(ServiceProvider services, RedisStreamTestRing ring, string name)
    {
        _services = services;
        Ring = ring;
        _participants = [.. services.GetServices<ISiloLifecycleParticipant>().OrderBy(p => p.Stage)];
        Provider = services.GetRequiredKeyedService<RedisStreamProvider>(name);
    }

    public const string Name = "conformance";

    public RedisStreamProvider Provider { get; }

    public RedisStreamTestRing Ring { get; }

    public SiloAddress Address => Ring.LocalSilo;

    public static async Task<RedisStreamTestSilo> StartAsync(
        string connectionString, string env, SiloAddress address, IGrainCallRuntime calls, Action<RedisStreamOptions>? configure = null, string name = Name)
    {
        var builder = new TestSiloBuilder();
        var ring = new RedisStreamTestRing(address);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ISiloRing>(ring);
        builder.Services.AddSingleton(calls);
        builder.AddRedisStreams(name, o =>
        {
            o.Env = env;
            o.Node = new RedisNodeOptions { Name = "streams", ConnectionString = connectionString };
            o.QueueCount = 4;
            o.MinPollDelay = TimeSpan.FromMilliseconds(1);
            o.MaxPollDelay = TimeSpan.FromMilliseconds(10);
            o.Delivery.RetryDelay = TimeSpan.Zero;
            o.Delivery.MaxDeliveryAttempts = 3;
            configure?.Invoke(o);
        });
        var silo = new RedisStreamTestSilo(builder.Build(), ring, name);
        foreach (var p in silo._participants) await p.StartAsync(CancellationToken.None);
        return silo;
    }

    /// <summary>A graceful stop: agents finish their batch, then the participants stop in reverse order.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopped) return;
        _stopped = true;
        for (var i = _participants.Count - 1; i >= 0; i--) await _participants[i].StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await StopAsync(timeout.Token);
        await _services.DisposeAsync();
    }
}
