using System.Diagnostics;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.UnitTests.Cluster;

/// <summary>Two silos in one process that only talk over TCP (network transport) and a shared membership table.</summary>
public sealed class NetworkSiloTransportTests : IAsyncLifetime
{
    private readonly InMemoryMembershipTable _table = new();
    private readonly List<NetworkTestSilo> _silos = [];
    private Silo _a = null!;
    private Silo _b = null!;

    public async Task InitializeAsync()
    {
        _silos.Add(await NetworkTestSilo.StartAsync(_table, "a"));
        _silos.Add(await NetworkTestSilo.StartAsync(_table, "b"));
        (_a, _b) = (_silos[0].Silo, _silos[1].Silo);
        await WaitUntil(() => _a.SiloRing.Silos.Count == 2 && _b.SiloRing.Silos.Count == 2, TimeSpan.FromSeconds(5));
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
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
        await _silos[1].CrashAsync();

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
}
