using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.IntegrationTests.Redis;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Membership;

namespace BkMonitor.IntegrationTests.Cluster;

/// <summary><see cref="TableMembershipOracle"/> with its real loop and TCP probes over the Redis membership table.</summary>
public sealed class RedisTableMembershipTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TableMembershipOptions Fast = new()
    {
        HeartbeatPeriod = TimeSpan.FromMilliseconds(200),
        TableRefreshPeriod = TimeSpan.FromMilliseconds(200),
        SuspectAfter = TimeSpan.FromMilliseconds(800),
        DeclareDeadAfter = TimeSpan.FromSeconds(2),
        ProbeTimeout = TimeSpan.FromMilliseconds(300),
    };

    [Fact]
    public async Task Silo_that_stops_heartbeating_and_listening_is_removed_by_the_others()
    {
        using var providers = RedisTestProviders.Membership(redis.ConnectionString);
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var l in listeners) l.Start();
        var oracles = new List<TableMembershipOracle>();
        try
        {
            foreach (var l in listeners)
            {
                var oracle = new TableMembershipOracle(providers.MembershipTable, Fast);
                var address = new SiloAddress("127.0.0.1", ((IPEndPoint)l.LocalEndpoint).Port, 1);
                await oracle.JoinAsync(new SiloMember(address, "s", [], SiloStatus.Active), CancellationToken.None);
                oracles.Add(oracle);
            }
            await WaitUntil(() => oracles.All(o => o.Members.Count == 3), TimeSpan.FromSeconds(5));

            var killed = oracles[2].Members.Single(m => m.Address.Port == ((IPEndPoint)listeners[2].LocalEndpoint).Port).Address;
            await oracles[2].DisposeAsync();
            listeners[2].Stop();
            var stopwatch = Stopwatch.StartNew();
            await WaitUntil(() => oracles.Take(2).All(o => o.Members.All(m => m.Address != killed)), TimeSpan.FromSeconds(10));

            Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
            var row = (await providers.MembershipTable.ReadAllAsync()).Entries.Single(e => e.Entry.Silo == killed).Entry;
            Assert.Equal(SiloStatus.Dead, row.Status);
            Assert.Equal(2, oracles[0].Members.Count);
        }
        finally
        {
            foreach (var o in oracles) await o.DisposeAsync();
            foreach (var l in listeners) l.Stop();
        }
    }

    [Fact]
    public async Task Silo_declared_dead_by_others_raises_its_fatal_event()
    {
        using var providers = RedisTestProviders.Membership(redis.ConnectionString);
        var table = providers.MembershipTable;
        await using var oracle = new TableMembershipOracle(table, Fast);
        var self = new SiloAddress("127.0.0.1", ServerProcess.FreePort(), 7);
        var fatal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        oracle.SelfDeclaredDead += reason => fatal.TrySetResult(reason);
        await oracle.JoinAsync(new SiloMember(self, "s", [], SiloStatus.Active), CancellationToken.None);

        var snapshot = await table.ReadAllAsync();
        var (entry, etag) = snapshot.Entries.Single(e => e.Entry.Silo == self);
        Assert.True(await table.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, etag, snapshot.Version.Next()));

        var reason = await fatal.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains(self.ToString(), reason, StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"Condition not met within {timeout}.");
            await Task.Delay(50);
        }
    }
}
