using BkMonitor.GrainInterfaces.Routing;
using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>
/// The receiver of metadata changes on one silo: its key is chosen so the hash ring places it on that silo, and it
/// applies each change to the silo's process-wide caches (which the co-hosted gateway shares).
/// </summary>
public interface IMetadataListenerGrain : IGrainWithStringKey
{
    /// <summary>The data source changed (token, enabled flag, result tables): drop the cached copy.</summary>
    [AlwaysInterleave]
    Task DataSourceChangedAsync(int bkDataId);

    /// <summary>The alarm cluster routing rules or the strategy → business map changed.</summary>
    [AlwaysInterleave]
    Task RoutingChangedAsync(AlarmRoutingTable table);
}
