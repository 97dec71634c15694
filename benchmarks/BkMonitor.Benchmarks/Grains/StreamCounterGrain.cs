using BkMonitor.Benchmarks.Measurement;
using BkMonitor.Runtime;

namespace BkMonitor.Benchmarks.Grains;

/// <summary>An event of the streams benchmark: when it was produced (Stopwatch timestamp) and its number on its key.</summary>
public sealed record BenchEvent(long ProducedAt, long Sequence);

/// <summary>The implicit subscriber of the streams benchmark, one per key.</summary>
public interface IStreamCounterGrain : IGrainWithStringKey
{
    Task<long> Received();
}

/// <summary>Counts its key's events and records their end-to-end latency; drops repeats by token as a real consumer would.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class StreamCounterGrain : Grain, IStreamCounterGrain, IAsyncObserver<BenchEvent>
{
    public const string Namespace = "bench-events";
    private StreamSequenceToken? _last;
    private long _received;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
        => GetStreamProvider(ProviderNames.DefaultStreams).GetStream<BenchEvent>(StreamId.Create(Namespace, this.GetPrimaryKeyString())).SubscribeAsync(this);

    public Task<long> Received() => Task.FromResult(_received);

    public Task OnNextAsync(BenchEvent item, StreamSequenceToken? token = null)
    {
        if (token is not null && _last is not null && token <= _last)
        {
            EventLatency.Shared.OnDuplicate();
            return Task.CompletedTask;
        }
        _last = token;
        _received++;
        EventLatency.Shared.Record(item.ProducedAt);
        return Task.CompletedTask;
    }
}
