using BkMonitor.GrainInterfaces.Diagnostics;
using BkMonitor.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Grains.Diagnostics;

/// <summary>Durable state of <see cref="ClusterProbeGrain"/>.</summary>
public sealed class ClusterProbeRecord
{
    public long Count { get; set; }

    public List<long> Ticks { get; set; } = [];

    /// <summary>Producer sequence number of the last probe event consumed.</summary>
    public long LastEvent { get; set; }

    /// <summary>Stream sequence number of the token of that event.</summary>
    public long LastToken { get; set; }

    public long SkippedEvents { get; set; }

    public long DuplicateEvents { get; set; }
}

/// <summary>
/// See <see cref="IClusterProbeGrain"/>. Keeps at most the last 1,000 ticks. Every consumed probe event (and every
/// dropped repeat) is written before the delivery completes, so a repeat after a failover is recognised by the
/// stored token even when the first delivery ran on a silo that died before acknowledging it.
/// </summary>
[GrainType("diag-cluster-probe")]
[ImplicitStreamSubscription(ClusterProbeEvent.Namespace)]
public sealed class ClusterProbeGrain([PersistentState("probe")] IPersistentState<ClusterProbeRecord> state)
    : Grain, IClusterProbeGrain, IAsyncObserver<ClusterProbeEvent>
{
    private const int MaxTicks = 1000;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Only silos with a stream provider deliver probe events; a silo without one has nothing to attach.
        if (ServiceProvider.GetKeyedService<IStreamProvider>(ProviderNames.DefaultStreams) is { } streams)
        {
            await streams.GetStream<ClusterProbeEvent>(StreamId.Create(ClusterProbeEvent.Namespace, this.GetPrimaryKeyLong())).SubscribeAsync(this);
        }
    }

    public Task<ClusterProbeState> Ping()
    {
        var s = state.State;
        return Task.FromResult(new ClusterProbeState(
            ServiceProvider.GetRequiredService<ISiloRing>().LocalSilo.ToString(), s.Count, s.Ticks.ToArray(), s.LastEvent, s.SkippedEvents, s.DuplicateEvents));
    }

    public async Task OnNextAsync(ClusterProbeEvent item, StreamSequenceToken? token = null)
    {
        var s = state.State;
        // A repeat has a token that is not newer (redelivery) or a number already consumed (a producer's retry).
        if ((token is not null && token.SequenceNumber <= s.LastToken) || item.Sequence <= s.LastEvent)
        {
            s.DuplicateEvents++;
        }
        else
        {
            s.SkippedEvents += item.Sequence - s.LastEvent - 1;
            s.LastEvent = item.Sequence;
            s.LastToken = token?.SequenceNumber ?? s.LastToken;
        }
        await state.WriteStateAsync();
    }

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
