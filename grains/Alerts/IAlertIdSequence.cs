namespace BkMonitor.Grains.Alerts;

/// <summary>
/// Cluster-wide increasing sequence for alert ids (bk-monitor's ALERT_UUID_SEQUENCE). Synchronous on
/// purpose: an implementation pre-fetches a block of numbers so the state machine stays pure.
/// </summary>
internal interface IAlertIdSequence
{
    long Next();
}
