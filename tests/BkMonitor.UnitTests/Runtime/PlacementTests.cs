using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Placement;
using BkMonitor.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Runtime;

public sealed class PlacementTests
{
    public PlacementTests() => HandWrittenGrains.Register();

    [Fact]
    public async Task Grains_spread_over_three_silos_at_their_ring_owner()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.InitialSilosCount = 3);
        var ring = cluster.Silos[0].SiloRing;
        var hosts = new Dictionary<string, int>();

        for (var i = 0; i < 60; i++)
        {
            var key = GrainProbe.NewKey("spread");
            var host = await cluster.GrainFactory.GetGrain<ILifecycleGrain>(key).WhereAmI();
            hosts[host] = hosts.GetValueOrDefault(host) + 1;
            var owner = ring.Owner(new GrainId("rt-lifecycle", key).GetUniformHashCode());
            Assert.Equal(cluster.Silos.Single(s => s.Address == owner).Name, host);
        }

        Assert.Equal(["silo0", "silo1", "silo2"], hosts.Keys.Order());
        Assert.Equal(60, cluster.Silos.Sum(s => s.ActivationCount));
    }

    [Fact]
    public async Task Grains_that_need_a_role_are_placed_only_on_silos_carrying_it()
    {
        await using var cluster = await TestCluster.StartAsync(o =>
        {
            o.InitialSilosCount = 3;
            o.ConfigureSiloOptions = (i, silo) => silo.Roles = i == 1 ? ["web"] : ["alarm"];
        });

        var hosts = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            hosts.Add(await cluster.GrainFactory.GetGrain<IRoleGrain>(GrainProbe.NewKey("role")).WhereAmI());
        }

        Assert.Equal(["silo0", "silo2"], hosts.Order());
    }

    [Fact]
    public async Task No_silo_with_the_required_role_fails_naming_the_role()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.InitialSilosCount = 2);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(
            () => cluster.GrainFactory.GetGrain<INowhereGrain>("x").WhereAmI());

        Assert.Contains("'nowhere'", error.Message);
        Assert.Contains("rt-nowhere/x", error.Message);
    }

    [Fact]
    public async Task Placement_role_resolver_from_DI_routes_grains_to_its_silo_group()
    {
        await using var cluster = await TestCluster.StartAsync(o =>
        {
            o.InitialSilosCount = 3;
            o.ConfigureSilo = silo => silo.UsePlacementRoleResolver<BlueKeysResolver>();
            o.ConfigureSiloOptions = (i, silo) => silo.Roles = i == 2 ? ["blue"] : [];
        });

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("silo2", await cluster.GrainFactory.GetGrain<ILifecycleGrain>(GrainProbe.NewKey("blue")).WhereAmI());
        }
    }

    [Fact]
    public async Task Changed_role_rules_move_the_affected_grains()
    {
        var resolver = new SwitchableResolver { Role = "blue" };
        await using var cluster = await TestCluster.StartAsync(o =>
        {
            o.InitialSilosCount = 3;
            o.ConfigureSilo = silo => silo.Services.AddSingleton<IPlacementRoleResolver>(resolver);
            o.ConfigureSiloOptions = (i, silo) => silo.Roles = i == 2 ? ["blue"] : i == 1 ? ["green"] : [];
        });
        var key = GrainProbe.NewKey("switch");
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>(key);
        Assert.Equal("silo2", await grain.WhereAmI());

        resolver.Switch("green");
        await GrainProbe.For(key).WaitFor("deactivate:PlacementChanged");

        Assert.Equal("silo1", await grain.WhereAmI());
    }

    [Fact]
    public async Task Killing_a_silo_moves_its_grains_without_OnDeactivate()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.InitialSilosCount = 3);
        var victim = cluster.Silos[1];
        var key = KeyOwnedBy(victim, "rt-lifecycle");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>(key);
        Assert.Equal("silo1", await grain.WhereAmI());

        await cluster.KillSiloAsync(1);
        var newHost = await grain.WhereAmI();

        Assert.NotEqual("silo1", newHost);
        Assert.Equal(SiloStatus.Dead, victim.Status);
        Assert.Equal(2, probe.Count("activate"));
        Assert.DoesNotContain(probe.Events, e => e.StartsWith("deactivate", StringComparison.Ordinal));
        Assert.Equal(2, cluster.Directory.Members.Count);
    }

    [Fact]
    public async Task Killing_a_silo_fails_its_running_call_and_reroutes_its_queued_calls()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.InitialSilosCount = 2);
        var key = KeyOwnedBy(cluster.Silos[1], "rt-blocking");
        var probe = GrainProbe.For(key);
        var grain = cluster.GrainFactory.GetGrain<IBlockingGrain>(key);
        var running = grain.Block();
        await probe.WaitFor("block-start");
        var queued = grain.Normal();

        await cluster.KillSiloAsync(1);
        await queued; // re-routed to the survivor, which activates the grain anew
        probe.Gate.SetResult();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => running);
        Assert.Equal(cluster.Silos[0], cluster.FindActivationSilo(new GrainId("rt-blocking", key)));
    }

    [Fact]
    public async Task Stopping_a_silo_gracefully_deactivates_its_activations_and_grains_move()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.InitialSilosCount = 2);
        var keys = Enumerable.Range(0, 20).Select(_ => GrainProbe.NewKey("graceful")).ToArray();
        foreach (var key in keys)
        {
            await cluster.GrainFactory.GetGrain<ILifecycleGrain>(key).Ping();
        }
        var onSilo1 = keys.Where(k => cluster.FindActivationSilo(new GrainId("rt-lifecycle", k)) == cluster.Silos[1]).ToArray();
        Assert.NotEmpty(onSilo1);

        await cluster.StopSiloAsync(1);

        Assert.Equal(0, cluster.Silos[1].ActivationCount);
        foreach (var key in onSilo1)
        {
            Assert.Contains("deactivate:ShuttingDown", GrainProbe.For(key).Events);
            Assert.Equal("silo0", await cluster.GrainFactory.GetGrain<ILifecycleGrain>(key).WhereAmI());
        }
    }

    [Fact]
    public async Task Disposing_the_cluster_deactivates_every_activation()
    {
        var keys = Enumerable.Range(0, 5).Select(_ => GrainProbe.NewKey("dispose")).ToArray();
        await using (var cluster = await TestCluster.StartAsync())
        {
            foreach (var key in keys)
            {
                await cluster.GrainFactory.GetGrain<ILifecycleGrain>(key).Ping();
            }
        }

        Assert.All(keys, key => Assert.Equal("deactivate:ShuttingDown", GrainProbe.For(key).Events[^1]));
    }

    [Fact]
    public async Task A_joining_silo_takes_over_the_grains_it_now_owns()
    {
        await using var cluster = await TestCluster.StartAsync();
        var keys = Enumerable.Range(0, 30).Select(_ => GrainProbe.NewKey("join")).ToArray();
        foreach (var key in keys)
        {
            await cluster.GrainFactory.GetGrain<ILifecycleGrain>(key).Ping();
        }

        var joined = await cluster.AddSiloAsync();
        var moving = keys.Where(k => joined.SiloRing.Owner(new GrainId("rt-lifecycle", k).GetUniformHashCode()) == joined.Address).ToArray();
        Assert.NotEmpty(moving);
        foreach (var key in moving)
        {
            await GrainProbe.For(key).WaitFor("deactivate:PlacementChanged");
            Assert.Equal(joined.Name, await cluster.GrainFactory.GetGrain<ILifecycleGrain>(key).WhereAmI());
        }
    }

    [Fact]
    public async Task Stateless_worker_runs_locally_in_a_pool_bounded_by_max_local()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.InitialSilosCount = 2);
        var id = Random.Shared.NextInt64();
        var probe = GrainProbe.For("worker-" + id);
        var grain = cluster.GrainFactory.GetGrain<IWorkerGrain>(id);

        var calls = Enumerable.Range(0, 5).Select(_ => grain.Hold()).ToArray();
        await probe.WaitUntil(events => events.Count >= 2);
        Assert.Equal(2, cluster.Silos[0].ActivationCount); // MaxLocal = 2, all on the silo the client enters through
        Assert.Equal(0, cluster.Silos[1].ActivationCount);
        probe.Gate.SetResult();
        var workers = await Task.WhenAll(calls);

        Assert.Equal(2, workers.Distinct().Count());
    }

    [Fact]
    public async Task Silo_ring_raises_Changed_and_splits_ownership_when_a_silo_joins()
    {
        await using var cluster = await TestCluster.StartAsync();
        var ring = cluster.Silos[0].SiloRing;
        Assert.Equal([cluster.Silos[0].Address], ring.Silos);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ring.Changed += () => changed.TrySetResult();

        var joined = await cluster.AddSiloAsync();
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, ring.Silos.Count);
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var hash = (uint)random.NextInt64(0, uint.MaxValue + 1L);
            Assert.NotEqual(ring.IsLocal(hash), joined.SiloRing.IsLocal(hash));
            Assert.Equal(ring.IsLocal(hash), ring.LocalRanges.Any(r => r.Contains(hash)));
        }
    }

    [Fact]
    public async Task Calls_fail_with_SiloUnavailable_when_no_silo_is_left()
    {
        await using var cluster = await TestCluster.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>(GrainProbe.NewKey("alone"));
        await grain.Ping();

        await cluster.KillSiloAsync(0);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.Ping());
    }

    [Fact]
    public void Ring_ranges_and_owners_agree()
    {
        var members = Enumerable.Range(0, 4)
            .Select(i => new SiloMember(new SiloAddress("10.0.0.1", 11111 + i, 1), $"s{i}", [], SiloStatus.Active))
            .ToArray();
        var ring = new RingSnapshot(members, 30);
        var random = new Random(42);

        for (var i = 0; i < 2000; i++)
        {
            var hash = (uint)random.NextInt64(0, uint.MaxValue + 1L);
            var owner = ring.Owner(hash);
            foreach (var member in members)
            {
                var inRanges = ring.RangesOf(member.Address).Any(r => r.Contains(hash));
                Assert.Equal(member.Address == owner, inRanges);
            }
        }
    }

    [Fact]
    public void Ring_of_one_silo_owns_everything()
    {
        var only = new SiloMember(new SiloAddress("h", 1, 1), "only", [], SiloStatus.Active);
        var ring = new RingSnapshot([only], 1);

        Assert.Equal(only.Address, ring.Owner(0));
        Assert.Equal(only.Address, ring.Owner(uint.MaxValue));
        Assert.True(ring.RangesOf(only.Address).Single().Contains(12345));
    }

    private static string KeyOwnedBy(Silo silo, string grainType)
    {
        while (true)
        {
            var key = GrainProbe.NewKey("owned");
            if (silo.SiloRing.Owner(new GrainId(grainType, key).GetUniformHashCode()) == silo.Address)
            {
                return key;
            }
        }
    }

    private sealed class SwitchableResolver : IPlacementRoleResolver, IPlacementRoleResolverNotifications
    {
        public event Action? RulesChanged;

        public volatile string? Role;

        public string? ResolveRole(GrainId grainId, GrainClassDescriptor grainClass) => grainId.Type == "rt-lifecycle" ? Role : null;

        public void Switch(string role)
        {
            Role = role;
            RulesChanged?.Invoke();
        }
    }

    private sealed class BlueKeysResolver : IPlacementRoleResolver
    {
        public string? ResolveRole(GrainId grainId, GrainClassDescriptor grainClass)
            => grainId.Key.StartsWith("blue-", StringComparison.Ordinal) ? "blue" : null;
    }
}
