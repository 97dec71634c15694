namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The QoS counter shared by the alert grains of one silo. An approximation of bk-monitor's cluster-wide Redis
/// counter: with several silos each counts its own alerts, so the limit applies per silo.
/// </summary>
internal sealed class SiloAlertQos(QosCounter counter) : IAlertQos
{
    private readonly Lock _gate = new();

    public QosVerdict Register(QosKey key, long now)
    {
        lock (_gate) return counter.Register(key, now);
    }

    public QosVerdict Peek(QosKey key, long now)
    {
        lock (_gate) return counter.Peek(key, now);
    }
}
