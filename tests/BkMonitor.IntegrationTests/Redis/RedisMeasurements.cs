using System.Diagnostics.Metrics;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>Counts one Redis instrument's measurements for one provider, and lets a test await the first one.</summary>
internal sealed class RedisMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _total;

    public RedisMeasurements(string instrument, string provider)
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == "BkMonitor.Runtime.Redis" && i.Name == instrument) l.EnableMeasurementEvents(i);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "provider" && (string?)tag.Value == provider)
                {
                    Interlocked.Add(ref _total, value);
                    _first.TrySetResult();
                }
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public Task First => _first.Task;

    public void Dispose() => _listener.Dispose();
}
