using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Storage;

/// <summary>An <see cref="ISiloBuilder"/> over a plain service collection, to test what provider extensions register.</summary>
internal sealed class TestSiloBuilder : ISiloBuilder
{
    public IServiceCollection Services { get; } = new ServiceCollection().AddLogging();

    public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();

    public ServiceProvider Build() => Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
}
