using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Alerts;

/// <summary>Reads the alert index for the REST gateway (which is a client and cannot reach silo services).</summary>
[StatelessWorker]
internal sealed class AlertSearchGrain : Grain, IAlertSearchGrain
{
    private readonly AlertIndexWriter _index;

    public AlertSearchGrain(AlarmServices services) => _index = services.Index;

    public Task<AlertPage> SearchAsync(AlertQuery query) => _index.SearchAsync(query);

    public async Task<string?> AlertGrainKeyOfAsync(string alertId) => await _index.GetAsync(alertId) is { } alert ? AlertGrainKey.Of(alert) : null;
}
