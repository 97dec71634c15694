using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>
/// One data source (key: bk_data_id): its result table and access token. Minimal here; the metadata stage
/// completes it (storage, options, space routing).
/// </summary>
public interface IDataSourceGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the data source under this grain's id (allocated by <see cref="IDataIdAllocatorGrain"/>).</summary>
    Task<DataSourceInfo> CreateAsync(CreateDataSourceRequest request);

    [AlwaysInterleave]
    Task<DataSourceInfo?> GetAsync();

    /// <summary>Checks an ingest token; on success returns the table pushed data goes to.</summary>
    [AlwaysInterleave]
    Task<IngestAuthorization> AuthorizeAsync(string accessToken);
}
