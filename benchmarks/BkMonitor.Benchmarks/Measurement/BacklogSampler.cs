namespace BkMonitor.Benchmarks.Measurement;

/// <summary>
/// Samples a queue depth on a period while a load runs; the start and end figures are the medians of the first
/// and last quarter of the samples, so one scheduling hiccup does not decide whether the backlog grew.
/// </summary>
public sealed class BacklogSampler(Func<long> depth) : IDisposable
{
    private readonly List<long> _samples = [];
    private readonly CancellationTokenSource _stop = new();

    public async Task RunAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) _samples.Add(depth());
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Stop() => _stop.Cancel();

    public void Dispose() => _stop.Dispose();

    public (long Start, long End) StartAndEnd()
    {
        if (_samples.Count == 0) return (0, 0);
        var quarter = Math.Max(1, _samples.Count / 4);
        return (Median(_samples.Take(quarter)), Median(_samples.Skip(_samples.Count - quarter)));
    }

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
