using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Alerts;

/// <summary>Reads the silo's alert index for the REST gateway (which is a client and cannot reach silo services).</summary>
[StatelessWorker]
internal sealed class AlertSearchGrain : Grain, IAlertSearchGrain
{
    private readonly IAlertIndex _index;

    public AlertSearchGrain(AlarmServices services) => _index = services.Index;

    public Task<AlertPage> SearchAsync(AlertQuery query) => Task.FromResult(_index.Search(query));

    public Task<string?> DedupeMd5OfAsync(string alertId) => Task.FromResult(_index.DedupeMd5Of(alertId));
}
