using BkMonitor.GrainInterfaces.Diagnostics;
using BkMonitor.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Grains.Diagnostics;

/// <summary>Durable state of <see cref="ClusterProbeGrain"/>.</summary>
public sealed class ClusterProbeRecord
{
    public long Count { get; set; }

    public List<long> Ticks { get; set; } = [];
}

/// <summary>See <see cref="IClusterProbeGrain"/>. Keeps at most the last 1,000 ticks.</summary>
[GrainType("diag-cluster-probe")]
public sealed class ClusterProbeGrain([PersistentState("probe")] IPersistentState<ClusterProbeRecord> state) : Grain, IClusterProbeGrain
{
    private const int MaxTicks = 1000;

    public Task<ClusterProbeState> Ping()
        => Task.FromResult(new ClusterProbeState(ServiceProvider.GetRequiredService<ISiloRing>().LocalSilo.ToString(), state.State.Count, state.State.Ticks.ToArray()));

    public async Task<long> Increment()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public async Task StartReminder(int periodSeconds)
    {
        var period = TimeSpan.FromSeconds(periodSeconds);
        await RegisterOrUpdateReminder("probe", period, period);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var ticks = state.State.Ticks;
        ticks.Add(TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        if (ticks.Count > MaxTicks)
        {
            ticks.RemoveRange(0, ticks.Count - MaxTicks);
        }
        await state.WriteStateAsync();
    }
}
