namespace BkMonitor.Runtime.Streams;

/// <summary>
/// Sequence numbers for the events one in-memory provider accepts: increasing within the provider and disjoint
/// from every other provider instance in the process. When a producer grain moves to another silo, its stream's
/// events arrive through that silo's provider; a consumer that drops a redelivered batch by comparing tokens must
/// never mistake the new provider's first batch for the old one's last.
/// </summary>
internal sealed class StreamSequenceSource
{
    // High bits: the instance's epoch; low bits: its counter (2^40 events before it would reach the next epoch).
    private const int CounterBits = 40;
    private static readonly long ProcessBase = Random.Shared.Next(1, 1 << 12);
    private static long s_instances;

    private long _next;

    public StreamSequenceSource()
    {
        var epoch = ((ProcessBase << 10) + Interlocked.Increment(ref s_instances)) & ((1L << (63 - CounterBits)) - 1);
        _next = epoch << CounterBits;
    }

    public long Next() => Interlocked.Increment(ref _next);
}
