using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Runtime.Hosting;

/// <summary>The <see cref="ISiloBuilder"/> handed to <c>UseBkMonitorSilo</c> configuration code.</summary>
internal sealed class SiloBuilder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}
