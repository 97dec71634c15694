using System.Diagnostics;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>Per-worker latency samples (no locking on the hot path), merged for percentiles.</summary>
public sealed class LatencyRecorder(int workers, int capacityPerWorker)
{
    private readonly long[][] _samples = Enumerable.Range(0, workers).Select(_ => new long[capacityPerWorker]).ToArray();
    private readonly int[] _counts = new int[workers];

    public void Record(int worker, long elapsedTicks)
    {
        var n = _counts[worker];
        if (n < _samples[worker].Length)
        {
            _samples[worker][n] = elapsedTicks;
            _counts[worker] = n + 1;
        }
    }

    public double PercentileMicroseconds(double p)
    {
        var all = new List<long>();
        for (var w = 0; w < _samples.Length; w++)
        {
            all.AddRange(_samples[w].AsSpan(0, _counts[w]).ToArray());
        }
        if (all.Count == 0) return 0;
        all.Sort();
        var idx = (int)Math.Min(all.Count - 1, Math.Ceiling(p / 100.0 * all.Count) - 1);
        return Math.Round(all[Math.Max(0, idx)] * 1_000_000.0 / Stopwatch.Frequency, 1);
    }
}
