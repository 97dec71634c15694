using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>
/// One data source (key: bk_data_id): its result tables (routed to the default storage cluster of their
/// storage type at creation), access token and enabled flag; every change is reported to the catalog.
/// </summary>
public interface IDataSourceGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the data source under this grain's id (allocated by <see cref="IDataIdAllocatorGrain"/>).</summary>
    Task<DataSourceInfo> CreateAsync(CreateDataSourceRequest request);

    /// <summary>As <see cref="CreateAsync"/> for data sources the platform creates itself (BCS clusters), which may be system ones.</summary>
    Task<DataSourceInfo> CreatePlatformAsync(CreateDataSourceRequest request, bool isSystem);

    [AlwaysInterleave]
    Task<DataSourceInfo?> GetAsync();

    /// <summary>Replaces the access token (the old one stops working at once); null when the data source does not exist.</summary>
    Task<DataSourceInfo?> RotateTokenAsync();

    /// <summary>Turns ingest on or off; null when the data source does not exist.</summary>
    Task<DataSourceInfo?> SetEnabledAsync(bool isEnabled);

    /// <summary>Checks an ingest token; on success returns the table pushed data goes to.</summary>
    [AlwaysInterleave]
    Task<IngestAuthorization> AuthorizeAsync(string accessToken);
}
