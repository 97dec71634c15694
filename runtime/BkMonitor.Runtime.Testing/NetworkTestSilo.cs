using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Runtime.Testing;

/// <summary>
/// A silo in this process that reaches the other silos only over the TCP transport, with membership in a shared
/// <see cref="IMembershipTable"/> (in memory, or a <see cref="FileMembershipTable"/> across processes) and fast
/// failure-detection timings. <see cref="CrashAsync"/> leaves it as
/// SIGKILL would: no heartbeat, port closed, activations gone, no membership update.
/// </summary>
public sealed class NetworkTestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private NetworkTestSilo(ServiceProvider services, Silo silo)
    {
        _services = services;
        Silo = silo;
    }

    public Silo Silo { get; }

    public IGrainFactory GrainFactory => Silo.GrainFactory;

    /// <param name="membership">Overrides the fast test timings (benchmarks that saturate the CPU use the defaults).</param>
    public static async Task<NetworkTestSilo> StartAsync(
        IMembershipTable table, string name, Action<ISiloBuilder>? configure = null, Action<TableMembershipOptions>? membership = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BkMonitor:Silo:SiloName"] = name,
            ["BkMonitor:Silo:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["BkMonitor:Silo:ResponseTimeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddBkMonitorSilo(configuration, silo =>
        {
            silo.Services.AddSingleton<IMembershipTable>(table);
            silo.UseNetworkClustering(o =>
            {
                o.HeartbeatPeriod = o.TableRefreshPeriod = TimeSpan.FromMilliseconds(100);
                o.SuspectAfter = TimeSpan.FromMilliseconds(500);
                o.DeclareDeadAfter = TimeSpan.FromSeconds(1);
                o.ProbeTimeout = TimeSpan.FromMilliseconds(200);
                membership?.Invoke(o);
            });
            configure?.Invoke(silo);
        }).BuildServiceProvider();
        var silo = services.GetRequiredService<Silo>();
        await silo.StartAsync(CancellationToken.None);
        return new NetworkTestSilo(services, silo);
    }

    /// <summary>
    /// The production failure-detection timings, for runs that saturate the CPU (benchmarks): the fast test ones
    /// would suspect a silo starved by the load itself.
    /// </summary>
    public static void ProductionTimings(TableMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new TableMembershipOptions();
        options.HeartbeatPeriod = defaults.HeartbeatPeriod;
        options.TableRefreshPeriod = defaults.TableRefreshPeriod;
        options.SuspectAfter = defaults.SuspectAfter;
        options.DeclareDeadAfter = defaults.DeclareDeadAfter;
        options.ProbeTimeout = defaults.ProbeTimeout;
    }

    public async Task CrashAsync()
    {
        await _services.GetRequiredService<TableMembershipOracle>().DisposeAsync();
        await _services.GetRequiredService<NetworkSiloTransport>().DisposeAsync();
        Silo.Catalog.KillAll();
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
