using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>A bare <see cref="ISiloBuilder"/> so the Redis extensions can be exercised without the silo host.</summary>
internal sealed class TestSiloBuilder : ISiloBuilder
{
    public IServiceCollection Services { get; } = new ServiceCollection();

    public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();

    public ServiceProvider Build() => Services.BuildServiceProvider();

    /// <summary>A key prefix environment unique to one test, so tests sharing a server never see each other's keys.</summary>
    public static string UniqueEnv() => "t" + Guid.NewGuid().ToString("N")[..12];
}
