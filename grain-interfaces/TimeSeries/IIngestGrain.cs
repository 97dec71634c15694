using System.Text.Json;
using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.TimeSeries;

/// <summary>
/// Custom report ingest (<c>POST /v2/push/</c>), a stateless worker on the receiving silo: parses and
/// validates the whole report, checks the data source's token, stores the points in the built-in store and
/// tells the strategies that read the table.
/// </summary>
public interface IIngestGrain : IGrainWithIntegerKey
{
    Task<IngestResult> PushAsync(JsonElement body);
}
