using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime;
using BkMonitor.UnitTests.Streams;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>The stream-provider contract, run by the Redis Streams provider against a real redis-server.</summary>
public sealed class RedisStreamConformanceTests(RedisServerFixture redis) : StreamProviderConformanceTests, IClassFixture<RedisServerFixture>
{
    private RedisStreamTestSilo? _silo;

    protected override async Task<IStreamProvider> CreateProviderAsync(StreamProviderTestContext context)
    {
        _silo = await RedisStreamTestSilo.StartAsync(redis.ConnectionString, TestSiloBuilder.UniqueEnv(), new SiloAddress("127.0.0.1", 11111, 1), context.CallRuntime, name: context.Name);
        return _silo.Provider;
    }

    protected override async Task StopProviderAsync(IStreamProvider provider)
    {
        if (_silo is not null) await _silo.DisposeAsync();
    }
}
