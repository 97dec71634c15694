using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime;
using BkMonitor.UnitTests.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>The stream provider across a Redis restart (no persistence): agents retry, the group is recreated, tokens keep rising.</summary>
public sealed class RedisStreamRestartTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Delivery_resumes_after_a_redis_restart_with_tokens_above_those_issued_before()
    {
        StreamTestNames.RegisterGrains();
        var provider = "p" + Guid.NewGuid().ToString("N")[..8];
        using var retries = new RedisMeasurements("bkmonitor.redis.retries", provider);
        var sink = new StreamEventSink();
        RedisStreamTestSilo? silo = null;
        var grains = new TestGrainRuntime(_ => silo!.Provider, new ServiceCollection().AddSingleton(sink).BuildServiceProvider());
        silo = await RedisStreamTestSilo.StartAsync(redis.ConnectionString, TestSiloBuilder.UniqueEnv(), new SiloAddress("127.0.0.1", 21011, 1), grains, o =>
        {
            o.FirstRetryDelay = TimeSpan.FromMilliseconds(50);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
            o.MaxAttempts = 50;
        }, provider);
        await using var _ = silo;
        var stream = silo.Provider.GetStream<int>(StreamId.Create(StreamTestNames.ImplicitNamespace, "restart"));
        await stream.OnNextBatchAsync([1, 2]);
        await sink.WaitForAsync("implicit:restart", 2);

        await redis.RestartAsync();
        await stream.OnNextBatchAsync([3, 4]);
        await sink.WaitForAsync("implicit:restart", 4);

        var received = sink.Of("implicit:restart");
        Assert.Equal(new object[] { 1, 2, 3, 4 }, received.Select(e => e.Item));
        Assert.True(received[2].Token > received[1].Token, $"token {received[2].Token} after the restart is not above {received[1].Token}");
        Assert.True(retries.Total >= 1);
    }
}
