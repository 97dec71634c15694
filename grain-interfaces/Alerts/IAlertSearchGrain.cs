using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>Searches the alert index of the silo it runs on (a stateless worker over the index service).</summary>
public interface IAlertSearchGrain : IGrainWithIntegerKey
{
    Task<AlertPage> SearchAsync(AlertQuery query);

    /// <summary>The dedupe md5 of an alert id, null when the index does not know it.</summary>
    Task<string?> AlertGrainKeyOfAsync(string alertId);
}
