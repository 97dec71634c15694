using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Cluster;

/// <summary>Two silos in one process that only talk over TCP (network transport) and a shared membership table.</summary>
public sealed class NetworkSiloTransportTests : IAsyncLifetime
{
    private readonly InMemoryMembershipTable _table = new();
    private readonly List<ServiceProvider> _providers = [];
    private Silo _a = null!;
    private Silo _b = null!;

    public async Task InitializeAsync()
    {
        _a = await StartSilo("a");
        _b = await StartSilo("b");
        await WaitUntil(() => _a.SiloRing.Silos.Count == 2 && _b.SiloRing.Silos.Count == 2, TimeSpan.FromSeconds(5));
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }

    private async Task<Silo> StartSilo(string name)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BkMonitor:Silo:SiloName"] = name,
            ["BkMonitor:Silo:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BkMonitor:Silo:ResponseTimeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddBkMonitorSilo(configuration, silo =>
        {
            silo.Services.AddSingleton<IMembershipTable>(_table);
            silo.UseNetworkClustering(o =>
            {
                o.HeartbeatPeriod = o.TableRefreshPeriod = TimeSpan.FromMilliseconds(100);
                o.SuspectAfter = TimeSpan.FromMilliseconds(500);
                o.DeclareDeadAfter = TimeSpan.FromSeconds(1);
                o.ProbeTimeout = TimeSpan.FromMilliseconds(200);
            });
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        var silo = provider.GetRequiredService<Silo>();
        await silo.StartAsync(CancellationToken.None);
        return silo;
    }

    [Fact]
    public async Task Grains_owned_by_the_other_silo_run_there_and_answer_over_tcp()
    {
        var where = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            where.Add(await _a.GrainFactory.GetGrain<INetworkProbeGrain>($"k{i}").WhereAmI());
        }

        Assert.Equal(["a", "b"], where.Order());
        Assert.True(_b.ActivationCount > 0);
    }

    [Fact]
    public async Task Remote_exceptions_reach_the_caller_with_their_type_and_message()
    {
        var key = await KeyOwnedBy(_b);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _a.GrainFactory.GetGrain<INetworkProbeGrain>(key).Throw("boom 42"));

        Assert.Equal("boom 42", error.Message);
    }

    [Fact]
    public async Task After_a_silo_dies_its_grains_are_placed_on_the_survivor_within_seconds()
    {
        var key = await KeyOwnedBy(_b);
        await Crash(_providers[1]);

        var stopwatch = Stopwatch.StartNew();
        string? where = null;
        while (where is null)
        {
            try
            {
                where = await _a.GrainFactory.GetGrain<INetworkProbeGrain>(key).WhereAmI();
            }
            catch (SiloUnavailableException) when (stopwatch.Elapsed < TimeSpan.FromSeconds(10))
            {
                // Until membership declares b dead, calls to it fail fast instead of hanging.
                await Task.Delay(50);
            }
        }

        Assert.Equal("a", where);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    /// <summary>What SIGKILL leaves behind: no more heartbeats, the silo port closed, no membership update.</summary>
    private static async Task Crash(ServiceProvider provider)
    {
        await provider.GetRequiredService<TableMembershipOracle>().DisposeAsync();
        await provider.GetRequiredService<BkMonitor.Runtime.Messaging.NetworkSiloTransport>().DisposeAsync();
    }

    private async Task<string> KeyOwnedBy(Silo silo)
    {
        for (var i = 0; ; i++)
        {
            if (await _a.GrainFactory.GetGrain<INetworkProbeGrain>($"o{i}").WhereAmI() == silo.Name)
            {
                return $"o{i}";
            }
        }
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed > timeout) throw new TimeoutException($"Condition not met within {timeout}.");
            await Task.Delay(20);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
