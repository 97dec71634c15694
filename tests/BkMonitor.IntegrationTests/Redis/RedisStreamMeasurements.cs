using System.Diagnostics.Metrics;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>Sums one stream instrument (meter <c>BkMonitor.Runtime.Streams</c>) for one provider.</summary>
internal sealed class RedisStreamMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public RedisStreamMeasurements(string instrument, string provider)
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == "BkMonitor.Runtime.Streams" && i.Name == instrument) l.EnableMeasurementEvents(i);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "provider" && (string?)tag.Value == provider) Interlocked.Add(ref _total, value);
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
