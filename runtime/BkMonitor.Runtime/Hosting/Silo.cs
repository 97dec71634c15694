using BkMonitor.Runtime.Catalog;
using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Messaging;
using BkMonitor.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Hosting;

/// <summary>
/// A process-local silo: its address and roles, its DI container, its catalog of activations, and the call
/// runtime through which its grains and in-process clients reach any grain of the cluster.
/// </summary>
public sealed class Silo : IAsyncDisposable
{
    private static long _lastGeneration;

    private readonly IMembershipOracle _membership;
    private readonly ISiloTransport _transport;
    private readonly Lock _lock = new();
    private SiloLifecycle? _lifecycle;
    private SiloStatus _status = SiloStatus.Joining;
    private bool _started;

    internal Silo(IServiceProvider services, SiloOptions options, TimeProvider timeProvider, IMembershipOracle membership, ISiloTransport transport, ILoggerFactory loggerFactory)
    {
        Services = services;
        Options = options;
        TimeProvider = timeProvider;
        _membership = membership;
        _transport = transport;
        Address = new SiloAddress(options.AdvertisedHost, options.SiloPort, NextGeneration());
        Name = options.SiloName;
        Roles = options.Roles.ToArray();
        Logger = loggerFactory.CreateLogger("BkMonitor.Runtime.Silo");
        Instruments = new RuntimeInstruments(Address.ToString());
        Ring = new SiloRing(Address, options.VirtualNodesPerSilo);
        Placement = new PlacementDirector(Ring);
        Catalog = new ActivationCatalog(this);
        Collector = new ActivationCollector(Catalog, timeProvider, options.CollectionQuantum);
        CallRuntime = new GrainCallRuntime(this, transport, options.ResponseTimeout);
        GrainFactory = new GrainFactory(CallRuntime);
    }

    public SiloAddress Address { get; }

    public string Name { get; }

    public IReadOnlyList<string> Roles { get; }

    public IServiceProvider Services { get; }

    /// <summary>A client for code in this process: calls go through this silo's runtime.</summary>
    public IGrainFactory GrainFactory { get; }

    public SiloStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    public int ActivationCount => Catalog.Count;

    /// <summary>This silo's view of the placement ring.</summary>
    public ISiloRing SiloRing => Ring;

    internal SiloOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    internal RuntimeInstruments Instruments { get; }

    internal SiloRing Ring { get; }

    internal PlacementDirector Placement { get; }

    internal ActivationCatalog Catalog { get; }

    internal ActivationCollector Collector { get; }

    internal GrainCallRuntime CallRuntime { get; }

    internal IIncomingGrainCallFilter[] IncomingFilters { get; private set; } = [];

    /// <summary>Runs the lifecycle: every <see cref="ISiloLifecycleParticipant"/> in stage order (membership joins at <see cref="SiloStages.Membership"/>).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_started)
            {
                throw new InvalidOperationException($"Silo {Address} was already started.");
            }
            _started = true;
        }
        RuntimeLog.SiloStarting(Logger, Address, Name, string.Join(",", Roles));
        // Resolved here, not in the constructor: filters and resolvers may depend on IGrainFactory (this silo).
        IncomingFilters = Services.GetServices<IIncomingGrainCallFilter>().ToArray();
        CallRuntime.Start(Services.GetServices<IOutgoingGrainCallFilter>().ToArray());
        var resolver = Services.GetService<IPlacementRoleResolver>();
        Placement.RoleResolver = resolver;
        if (resolver is IPlacementRoleResolverNotifications notifications)
        {
            notifications.RulesChanged += OnPlacementRulesChanged;
        }
        _membership.MembershipChanged += OnMembershipChanged;
        OnMembershipChanged();
        _lifecycle = new SiloLifecycle(
            [new MembershipParticipant(this), new CatalogParticipant(this), .. Services.GetServices<ISiloLifecycleParticipant>()],
            Logger);
        await _lifecycle.StartAsync(cancellationToken);
        RuntimeLog.SiloStarted(Logger, Address);
    }

    /// <summary>Graceful stop: leave the ring, stop participants in reverse stage order (activations deactivate), leave membership.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_status is SiloStatus.ShuttingDown or SiloStatus.Dead || _lifecycle is null)
            {
                return;
            }
            _status = SiloStatus.ShuttingDown;
        }
        RuntimeLog.SiloStopping(Logger, Address);
        // Out of the ring first, so calls arriving meanwhile (and requests forwarded by deactivating grains) go elsewhere.
        await _membership.UpdateStatusAsync(Address, SiloStatus.ShuttingDown, cancellationToken);
        await _lifecycle.StopAsync(cancellationToken);
        Shutdown("the silo stopped");
        RuntimeLog.SiloStopped(Logger, Address);
    }

    /// <summary>Abrupt death (tests): activations are dropped without OnDeactivateAsync and membership forgets the silo at once.</summary>
    internal async Task KillAsync()
    {
        SiloLifecycle? lifecycle;
        lock (_lock)
        {
            if (_status == SiloStatus.Dead)
            {
                return;
            }
            _status = SiloStatus.Dead;
            lifecycle = _lifecycle;
        }
        // Membership first: senders re-place on the new ring instead of retrying the dead silo.
        await _membership.UpdateStatusAsync(Address, SiloStatus.Dead, CancellationToken.None);
        _transport.Unregister(this);
        var dropped = Catalog.KillAll();
        Shutdown("the silo died");
        if (lifecycle is not null)
        {
            // Services stop with a cancelled token: they must not flush or hand over anything.
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();
            await lifecycle.StopAsync(cancelled.Token);
        }
        RuntimeLog.SiloKilled(Logger, Address, dropped);
    }

    internal async Task JoinAsync(CancellationToken cancellationToken)
    {
        _transport.Register(this);
        await _membership.JoinAsync(new SiloMember(Address, Name, Roles, SiloStatus.Active), cancellationToken);
        lock (_lock)
        {
            if (_status == SiloStatus.Joining)
            {
                _status = SiloStatus.Active;
            }
        }
    }

    internal async Task LeaveAsync(CancellationToken cancellationToken)
    {
        if (Status == SiloStatus.Dead)
        {
            return;
        }
        await _membership.UpdateStatusAsync(Address, SiloStatus.Dead, cancellationToken);
        _transport.Unregister(this);
    }

    public async ValueTask DisposeAsync()
    {
        if (Status is SiloStatus.Active or SiloStatus.Joining && _lifecycle is not null)
        {
            await StopAsync(CancellationToken.None);
        }
        Instruments.Dispose();
    }

    public override string ToString() => $"Silo {Name} {Address}";

    private void Shutdown(string why)
    {
        lock (_lock)
        {
            _status = SiloStatus.Dead;
        }
        _membership.MembershipChanged -= OnMembershipChanged;
        if (Placement.RoleResolver is IPlacementRoleResolverNotifications notifications)
        {
            notifications.RulesChanged -= OnPlacementRulesChanged;
        }
        Collector.Dispose();
        CallRuntime.Abort(why);
    }

    private void OnMembershipChanged()
    {
        if (Ring.Update(_membership.Members))
        {
            RuntimeLog.MembershipChanged(Logger, Address, Ring.Silos.Count);
            if (Status == SiloStatus.Active)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static c => c.Rebalance(), Catalog, preferLocal: false);
            }
        }
    }

    private void OnPlacementRulesChanged() => ThreadPool.UnsafeQueueUserWorkItem(static c => c.Rebalance(), Catalog, preferLocal: false);

    private static long NextGeneration()
    {
        // Unique per process and increasing across restarts, so a restarted silo is a new silo.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Interlocked.Read(ref _lastGeneration);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _lastGeneration, next, last) == last)
            {
                return next;
            }
        }
    }
}
