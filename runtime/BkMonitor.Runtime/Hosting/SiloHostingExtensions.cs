using Microsoft.Extensions.Hosting;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Host-builder entry points, in Orleans' <c>UseOrleans</c> shape.</summary>
public static class SiloHostingExtensions
{
    public static IHostApplicationBuilder UseBkMonitorSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddBkMonitorSilo(builder.Configuration, configure);
        return builder;
    }

    public static IHostBuilder UseBkMonitorSilo(this IHostBuilder builder, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.ConfigureServices((context, services) => services.AddBkMonitorSilo(context.Configuration, configure));
    }
}
