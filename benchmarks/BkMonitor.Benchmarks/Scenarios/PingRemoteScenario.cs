using System.Globalization;
using BkMonitor.Benchmarks.Grains;
using BkMonitor.Benchmarks.Measurement;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// Grain calls/s from one silo to grains owned by another over the TCP transport (loopback), beside local calls
/// on the caller silo in the same run. Both silos live in this process but share nothing except the membership
/// table: every remote call is encoded, framed, sent over a socket, decoded and answered the same way.
/// </summary>
public static class PingRemoteScenario
{
    private const int Actors = 100;

    public static async Task<object> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var duration = TimeSpan.FromSeconds(seconds);
        var table = new InMemoryMembershipTable();
        // Production failure-detection timings: the test ones would suspect a silo starved by the load itself.
        await using var caller = await NetworkTestSilo.StartAsync(table, "caller", membership: Defaults);
        await using var callee = await NetworkTestSilo.StartAsync(table, "callee", membership: Defaults);
        while (caller.Silo.SiloRing.Silos.Count < 2 || callee.Silo.SiloRing.Silos.Count < 2)
        {
            await Task.Delay(20);
        }
        var grainType = GrainTypeRegistry.GetClassForInterface(typeof(IPingGrain)).GrainType;
        var remote = KeysOwnedBy(caller.Silo.SiloRing, callee.Silo.Address, grainType);
        var local = KeysOwnedBy(caller.Silo.SiloRing, caller.Silo.Address, grainType);

        // Activate every grain and open the connection one call at a time before the concurrent runs.
        foreach (var key in local.Concat(remote))
        {
            await caller.GrainFactory.GetGrain<IPingGrain>(key).Ping(0);
        }
        await RunAsync(caller.GrainFactory, local, TimeSpan.FromSeconds(1));
        var (_, localPerSecond, localLatency) = await RunAsync(caller.GrainFactory, local, duration);
        Console.WriteLine($"local: {localPerSecond:N0} calls/s, p99 {localLatency.PercentileMicroseconds(99)} us");
        await RunAsync(caller.GrainFactory, remote, TimeSpan.FromSeconds(1));
        var (_, remotePerSecond, remoteLatency) = await RunAsync(caller.GrainFactory, remote, duration);
        Console.WriteLine($"remote: {remotePerSecond:N0} calls/s, p99 {remoteLatency.PercentileMicroseconds(99)} us");
        return new
        {
            Scenario = "ping_remote",
            CallsPerS = Math.Round(remotePerSecond),
            LocalCallsPerS = Math.Round(localPerSecond),
            Ratio = Math.Round(remotePerSecond / localPerSecond, 3),
            P50Us = remoteLatency.PercentileMicroseconds(50),
            P99Us = remoteLatency.PercentileMicroseconds(99),
        };
    }

    private static void Defaults(TableMembershipOptions options)
    {
        var defaults = new TableMembershipOptions();
        options.HeartbeatPeriod = defaults.HeartbeatPeriod;
        options.TableRefreshPeriod = defaults.TableRefreshPeriod;
        options.SuspectAfter = defaults.SuspectAfter;
        options.DeclareDeadAfter = defaults.DeclareDeadAfter;
        options.ProbeTimeout = defaults.ProbeTimeout;
    }

    private static long[] KeysOwnedBy(ISiloRing ring, SiloAddress owner, string grainType)
    {
        var keys = new List<long>(Actors);
        for (long key = 0; keys.Count < Actors; key++)
        {
            if (ring.Owner(new GrainId(grainType, key.ToString(CultureInfo.InvariantCulture)).GetUniformHashCode()) == owner)
            {
                keys.Add(key);
            }
        }
        return keys.ToArray();
    }

    private static Task<(long Calls, double PerSecond, LatencyRecorder Latency)> RunAsync(IGrainFactory factory, long[] keys, TimeSpan duration)
        => PingScenario.RunCallersAsync(keys.Select(factory.GetGrain<IPingGrain>).ToArray(), duration);
}
