using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Runtime.Testing;

/// <summary>
/// N silos in this process sharing an in-process membership, after Orleans' TestCluster: each silo has its
/// own container, catalog and meter; calls between them go through the in-process transport. Silos can be
/// added, stopped gracefully or killed; <see cref="GrainFactory"/> is a client entering through the first
/// active silo.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly List<(Silo Silo, ServiceProvider Services)> _silos = [];
    private readonly Lock _lock = new();

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
        TimeProvider = options.TimeProvider ?? new FakeTimeProvider();
        GrainFactory = new GrainFactory(new ClusterClient(this));
    }

    public ClusterDirectory Directory { get; } = new();

    public TimeProvider TimeProvider { get; }

    /// <summary>The cluster's clock when it is fake (the default).</summary>
    public FakeTimeProvider FakeTime => TimeProvider as FakeTimeProvider
        ?? throw new InvalidOperationException("This test cluster runs on a real clock (TestClusterOptions.TimeProvider).");

    public IGrainFactory GrainFactory { get; }

    /// <summary>Every silo ever started, by index (killed and stopped ones included).</summary>
    public IReadOnlyList<Silo> Silos
    {
        get
        {
            lock (_lock)
            {
                return _silos.Select(s => s.Silo).ToArray();
            }
        }
    }

    public IReadOnlyList<Silo> ActiveSilos => Silos.Where(s => s.Status == SiloStatus.Active).ToArray();

    public static Task<TestCluster> StartAsync(Action<TestClusterOptions> configure)
    {
        var options = new TestClusterOptions();
        configure(options);
        return StartAsync(options);
    }

    public static async Task<TestCluster> StartAsync(TestClusterOptions? options = null)
    {
        var cluster = new TestCluster(options ?? new TestClusterOptions());
        try
        {
            for (var i = 0; i < cluster._options.InitialSilosCount; i++)
            {
                await cluster.AddSiloAsync();
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Starts one more silo; grains whose ring position now falls on it move to it at their next call.</summary>
    public async Task<Silo> AddSiloAsync(Action<SiloOptions>? configure = null)
    {
        int index;
        lock (_lock)
        {
            index = _silos.Count;
        }
        var services = new ServiceCollection();
        services.AddLogging(logging => _options.ConfigureLogging?.Invoke(logging));
        services.AddSingleton(TimeProvider);
        services.AddBkMonitorSilo(new ConfigurationBuilder().Build(), silo =>
        {
            silo.UseInProcessMembership(Directory);
            silo.Configure(o =>
            {
                o.SiloName = $"silo{index}";
                o.SiloPort = _options.BasePort + index;
                o.GatewayPort = 30000 + index;
                o.ResponseTimeout = _options.ResponseTimeout;
                o.CollectionAge = _options.CollectionAge;
                o.CollectionQuantum = _options.CollectionQuantum;
            });
            _options.ConfigureSilo?.Invoke(silo);
            if (_options.ConfigureSiloOptions is { } perSilo)
            {
                silo.Configure(o => perSilo(index, o));
            }
            if (configure is not null)
            {
                silo.Configure(configure);
            }
        });
        var provider = services.BuildServiceProvider();
        var silo = provider.GetRequiredService<Silo>();
        lock (_lock)
        {
            _silos.Add((silo, provider));
        }
        await silo.StartAsync(CancellationToken.None);
        return silo;
    }

    /// <summary>Abrupt death: activations are dropped without OnDeactivateAsync and membership forgets the silo at once.</summary>
    public Task KillSiloAsync(int index) => KillSiloAsync(SiloAt(index));

    public async Task KillSiloAsync(Silo silo)
    {
        await silo.KillAsync();
        await DisposeServicesAsync(silo);
    }

    /// <summary>Graceful stop: OnDeactivateAsync runs for every activation of the silo.</summary>
    public Task StopSiloAsync(int index) => StopSiloAsync(SiloAt(index));

    public async Task StopSiloAsync(Silo silo)
    {
        await silo.StopAsync(CancellationToken.None);
        await DisposeServicesAsync(silo);
    }

    /// <summary>The active silo holding an activation of <paramref name="grainId"/>, if any.</summary>
    public Silo? FindActivationSilo(GrainId grainId)
    {
        foreach (var silo in ActiveSilos)
        {
            foreach (var activation in silo.Catalog.Activations)
            {
                if (activation.GrainId == grainId)
                {
                    return silo;
                }
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        // A grain stuck in a never-ending call must not hang the test run: after the bound, leftovers are dropped.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var silo in ActiveSilos)
        {
            await silo.StopAsync(bound.Token);
        }
        (Silo Silo, ServiceProvider Services)[] all;
        lock (_lock)
        {
            all = _silos.ToArray();
        }
        foreach (var (silo, _) in all)
        {
            await DisposeServicesAsync(silo);
        }
    }

    internal Silo Gateway()
    {
        lock (_lock)
        {
            foreach (var (silo, _) in _silos)
            {
                if (silo.Status == SiloStatus.Active)
                {
                    return silo;
                }
            }
        }
        throw new SiloUnavailableException("The test cluster has no active silo.");
    }

    private Silo SiloAt(int index)
    {
        lock (_lock)
        {
            if (index < 0 || index >= _silos.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The test cluster has {_silos.Count} silos (0..{_silos.Count - 1}).");
            }
            return _silos[index].Silo;
        }
    }

    private async Task DisposeServicesAsync(Silo silo)
    {
        ServiceProvider? provider = null;
        lock (_lock)
        {
            var i = _silos.FindIndex(s => s.Silo == silo);
            if (i >= 0 && _silos[i].Services is { } p)
            {
                provider = p;
                _silos[i] = (silo, null!);
            }
        }
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }
}
