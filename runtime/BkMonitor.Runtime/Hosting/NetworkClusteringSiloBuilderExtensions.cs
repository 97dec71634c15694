using System.Diagnostics.Metrics;
using System.Net;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Messaging;
using BkMonitor.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ISiloTransport = BkMonitor.Runtime.Messaging.ISiloTransport;

namespace BkMonitor.Runtime.Hosting;

/// <summary>
/// Clustering across processes: <see cref="TableMembershipOracle"/> over the registered <see cref="IMembershipTable"/>
/// (e.g. <c>UseRedisClustering</c>) and the TCP transport listening on <see cref="SiloOptions.SiloPort"/>, replacing
/// the in-process defaults. A silo that membership declares dead stops its host.
/// </summary>
public static class NetworkClusteringSiloBuilderExtensions
{
    public static ISiloBuilder UseNetworkClustering(
        this ISiloBuilder builder, Action<TableMembershipOptions>? membership = null, Action<SiloTransportOptions>? transport = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var membershipOptions = new TableMembershipOptions();
        membership?.Invoke(membershipOptions);
        membershipOptions.Validate();
        var services = builder.Services;
        services.RemoveAll<IMembershipOracle>();
        services.RemoveAll<ISiloTransport>();
        services.TryAddSingleton(sp => new TableMembershipOracle(
            sp.GetService<IMembershipTable>() ?? throw new InvalidOperationException(
                "UseNetworkClustering needs a membership table: register one first (e.g. UseRedisClustering)."),
            membershipOptions,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<TableMembershipOracle>>(),
            meterFactory: sp.GetService<IMeterFactory>()));
        services.AddSingleton<IMembershipOracle>(sp => sp.GetRequiredService<TableMembershipOracle>());
        services.TryAddSingleton(sp =>
        {
            var silo = sp.GetRequiredService<IOptions<SiloOptions>>().Value;
            var options = new SiloTransportOptions { ClusterId = $"{silo.ServiceId}/{silo.ClusterId}" };
            transport?.Invoke(options);
            var listen = IPAddress.TryParse(silo.AdvertisedHost, out var ip) && IPAddress.IsLoopback(ip) ? ip : IPAddress.Any;
            return new NetworkSiloTransport(
                sp.GetRequiredService<IMembershipOracle>(), options, listen, sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
        });
        services.AddSingleton<ISiloTransport>(sp => sp.GetRequiredService<NetworkSiloTransport>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SelfDeathWatcher>());
        return builder;
    }
}
