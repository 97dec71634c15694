using System.Diagnostics;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>
/// End-to-end event latency from many concurrent consumers: a lock-free histogram of 50 µs buckets up to 30 s,
/// plus the count of delivered events and of repeats dropped by token.
/// </summary>
public sealed class EventLatency
{
    private const double BucketMs = 0.05;
    private readonly long[] _buckets = new long[600_000];
    private long _count;
    private long _duplicates;

    public static EventLatency Shared { get; } = new();

    public long Count => Interlocked.Read(ref _count);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void Record(long producedAt)
    {
        var ms = Stopwatch.GetElapsedTime(producedAt).TotalMilliseconds;
        var bucket = (int)Math.Min(_buckets.Length - 1, ms / BucketMs);
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
    }

    public void OnDuplicate() => Interlocked.Increment(ref _duplicates);

    public void Reset()
    {
        ResetHistogram();
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _duplicates, 0);
    }

    /// <summary>Starts the percentiles afresh (after a warm-up); the counts go on.</summary>
    public void ResetHistogram() => Array.Clear(_buckets);

    public double PercentileMs(double p)
    {
        long total = 0;
        foreach (var b in _buckets) total += b;
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(p / 100 * total);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank) return Math.Round((i + 1) * BucketMs, 2);
        }
        return Math.Round(_buckets.Length * BucketMs, 2);
    }
}
