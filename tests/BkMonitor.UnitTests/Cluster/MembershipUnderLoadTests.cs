using System.Diagnostics;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.UnitTests.Cluster;

/// <summary>
/// The bug this guards: with the fast test timings, two silos whose CPU is saturated used to vote each other dead
/// (a single vote sufficed). Both must stay active while spinning threads hog every core for a few seconds.
/// </summary>
public sealed class MembershipUnderLoadTests
{
    [Fact]
    public async Task Two_silos_with_saturated_cores_keep_each_other_active()
    {
        var table = new InMemoryMembershipTable();
        await using var a = await NetworkTestSilo.StartAsync(table, "a");
        await using var b = await NetworkTestSilo.StartAsync(table, "b");
        var joined = Stopwatch.StartNew();
        while (a.Silo.SiloRing.Silos.Count < 2 || b.Silo.SiloRing.Silos.Count < 2)
        {
            Assert.True(joined.Elapsed < TimeSpan.FromSeconds(10), "the silos did not see each other");
            await Task.Delay(20);
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var spinners = Enumerable.Range(0, Environment.ProcessorCount * 3).Select(_ => new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(1000);
            }
        }) { IsBackground = true }).ToList();
        spinners.ForEach(t => t.Start());
        var calls = 0;
        while (!stop.IsCancellationRequested)
        {
            await a.GrainFactory.GetGrain<INetworkProbeGrain>($"k{calls++ % 20}").WhereAmI();
        }
        spinners.ForEach(t => t.Join());
        // Give membership a few rounds after the load to act on anything it concluded during it.
        await Task.Delay(TimeSpan.FromSeconds(1));

        foreach (var silo in new[] { a.Silo.Address, b.Silo.Address })
        {
            var row = table.Row(silo);
            Assert.True(row.Status == SiloStatus.Active, $"{silo} is {row.Status} with {row.Suspicions.Count} votes");
        }
        Assert.Equal(2, a.Silo.SiloRing.Silos.Count);
    }
}
