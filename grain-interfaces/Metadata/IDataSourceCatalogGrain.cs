using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>
/// The data source index (key <see cref="GlobalKey"/>): summaries by bk_biz_id, so listing and paging never
/// activate a data source grain. Data source grains report every change to it.
/// </summary>
public interface IDataSourceCatalogGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    Task UpsertAsync(DataSourceSummary summary);

    /// <summary>Page from 1; <paramref name="bkBizId"/> null lists every business.</summary>
    [AlwaysInterleave]
    Task<DataSourcePage> ListAsync(int? bkBizId, int page, int pageSize);
}
