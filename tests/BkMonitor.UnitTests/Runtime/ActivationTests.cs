using BkMonitor.Runtime;
using BkMonitor.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Runtime;

public sealed class ActivationTests
{
    public ActivationTests() => HandWrittenGrains.Register();

    [Fact]
    public async Task First_call_activates_and_lifecycle_runs_in_order()
    {
        await using var cluster = await TestCluster.StartAsync();
        var key = GrainProbe.NewKey("order");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>(key);

        Assert.Empty(probe.Events); // GetGrain alone activates nothing
        Assert.Equal("pong", await grain.Ping());
        Assert.Equal("pong", await grain.Ping());
        await grain.Deactivate();
        await probe.WaitFor("deactivate:ApplicationRequested");

        Assert.Equal(["ctor", "activate", "ping", "ping", "deactivate:ApplicationRequested"], probe.Events);
    }

    [Fact]
    public async Task DeactivateOnIdle_makes_the_next_call_create_a_new_activation()
    {
        await using var cluster = await TestCluster.StartAsync();
        var key = GrainProbe.NewKey("reactivate");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>(key);

        await grain.Ping();
        await grain.Deactivate();
        await probe.WaitFor("deactivate:ApplicationRequested");
        await grain.Ping();

        Assert.Equal(2, probe.Count("activate"));
        Assert.Equal(1, cluster.Silos[0].ActivationCount);
    }

    [Fact]
    public async Task Idle_activation_is_collected_after_the_collection_age_on_the_fake_clock()
    {
        await using var cluster = await TestCluster.StartAsync(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(10);
            o.CollectionQuantum = TimeSpan.FromMinutes(1);
        });
        var key = GrainProbe.NewKey("idle");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>(key);
        var silo = cluster.Silos[0];

        await grain.Ping();
        var activation = Assert.Single(silo.Catalog.Activations);
        cluster.FakeTime.Advance(TimeSpan.FromMinutes(5));
        await grain.Ping(); // activity restarts the idle clock
        cluster.FakeTime.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, silo.Catalog.CollectedCount);

        cluster.FakeTime.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, silo.Catalog.CollectedCount);
        await probe.WaitFor("deactivate:ActivationIdle");
        await activation.WhenDeactivated(); // it leaves the catalog after OnDeactivateAsync
        Assert.False(silo.Catalog.TryGetActivation(activation.GrainId, out _),
            "still active: " + string.Join(", ", silo.Catalog.Activations.Select(a => a.GrainId)));
    }

    [Fact]
    public async Task DelayDeactivation_keeps_an_idle_activation_alive_until_it_expires()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.CollectionAge = TimeSpan.FromMinutes(10));
        var key = GrainProbe.NewKey("delay");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>(key);
        var silo = cluster.Silos[0];

        await grain.DelayCollection(TimeSpan.FromHours(1));
        cluster.FakeTime.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, silo.Catalog.CollectedCount);

        cluster.FakeTime.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, silo.Catalog.CollectedCount);
        await probe.WaitFor("deactivate:ActivationIdle");
    }

    [Fact]
    public async Task Grain_exception_reaches_the_caller_and_the_activation_survives()
    {
        await using var cluster = await TestCluster.StartAsync();
        var key = GrainProbe.NewKey("throw");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>(key);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("bad input 42"));
        Assert.Equal("bad input 42", error.Message);
        Assert.Equal("pong", await grain.Ping());
        Assert.Equal(1, probe.Count("activate"));
    }

    [Fact]
    public async Task Failed_activation_reaches_the_caller_and_is_discarded()
    {
        await using var cluster = await TestCluster.StartAsync();
        var key = GrainProbe.NewKey("failing");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<IFailingGrain>(key);

        var first = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Ping());
        Assert.Contains("refused", first.Message);
        Assert.Equal(0, cluster.Silos[0].ActivationCount);

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Ping());
        Assert.Equal(2, probe.Count("activate-attempt")); // a new attempt, not a cached broken activation
    }

    [Fact]
    public async Task Persistent_states_created_in_the_constructor_are_read_before_OnActivateAsync()
    {
        var factory = new RecordingStateFactory(initialValue: 7);
        await using var cluster = await TestCluster.StartAsync(o => o.ConfigureSilo = silo => silo.Services.AddSingleton<IPersistentStateFactory>(factory));
        var key = GrainProbe.NewKey("stateful");

        Assert.Equal(7, await cluster.GrainFactory.GetGrain<IStatefulGrain>(key).Value());
        Assert.Equal(["activate:7"], GrainProbe.For(key).Events);
        Assert.Equal(1, factory.Reads);
    }

    [Fact]
    public async Task Persistent_state_without_a_storage_provider_fails_activation_clearly()
    {
        await using var cluster = await TestCluster.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IStatefulGrain>(GrainProbe.NewKey("nostorage"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Value());
        Assert.Contains("no grain storage is configured", error.Message);
        Assert.Contains("'counter'", error.Message);
    }

    [Fact]
    public async Task Unknown_grain_interface_is_a_clear_error()
    {
        await using var cluster = await TestCluster.StartAsync();

        var error = Assert.Throws<GrainInterfaceNotRegisteredException>(() => cluster.GrainFactory.GetGrain<IUnregisteredGrain>("x"));
        Assert.Contains(typeof(IUnregisteredGrain).FullName!, error.Message);
    }

    [Fact]
    public async Task Null_key_is_a_clear_error()
    {
        await using var cluster = await TestCluster.StartAsync();

        var error = Assert.Throws<ArgumentNullException>(() => cluster.GrainFactory.GetGrain<ILifecycleGrain>(null!));
        Assert.Contains("ILifecycleGrain", error.Message);
    }

    [Fact]
    public async Task Call_to_an_unregistered_grain_type_fails_with_the_type_name()
    {
        await using var cluster = await TestCluster.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>(new GrainId("no-such-type", "k"));

        var error = await Assert.ThrowsAsync<GrainInterfaceNotRegisteredException>(() => grain.Ping());
        Assert.Contains("no-such-type", error.Message);
    }

    [Fact]
    public async Task A_grain_can_call_another_grain()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.InitialSilosCount = 2);
        var other = GrainProbe.NewKey("callee");

        Assert.Equal("pong", await cluster.GrainFactory.GetGrain<ILifecycleGrain>(GrainProbe.NewKey("caller")).CallOther(other));
        Assert.Equal(["ctor", "activate", "ping"], GrainProbe.For(other).Events);
    }

    private sealed class RecordingStateFactory(int initialValue) : IPersistentStateFactory
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public IPersistentState<TState> Create<TState>(IGrainContext context, string stateName, string? storageName) where TState : new()
            => new RecordingState<TState>(this, initialValue);

        private sealed class RecordingState<TState>(RecordingStateFactory owner, int value) : IPersistentState<TState> where TState : new()
        {
            public TState State { get; set; } = new();

            public string? ETag { get; set; }

            public bool RecordExists { get; set; }

            public async Task ReadStateAsync()
            {
                await Task.Yield();
                Interlocked.Increment(ref owner._reads);
                if (State is StatefulCounter counter)
                {
                    counter.Value = value;
                }
                RecordExists = true;
                ETag = "1";
            }

            public Task WriteStateAsync() => Task.CompletedTask;

            public Task ClearStateAsync() => Task.CompletedTask;
        }
    }
}
