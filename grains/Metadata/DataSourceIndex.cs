using BkMonitor.GrainInterfaces.Metadata;

namespace BkMonitor.Grains.Metadata;

/// <summary>Data source summaries ordered by id, with a per-business id set so a business page skips the others.</summary>
internal sealed class DataSourceIndex
{
    private readonly SortedDictionary<int, DataSourceSummary> _byId = [];
    private readonly Dictionary<int, SortedSet<int>> _idsByBiz = [];

    public DataSourceIndex(IEnumerable<DataSourceSummary> summaries)
    {
        foreach (var summary in summaries)
        {
            Upsert(summary);
        }
    }

    public IEnumerable<DataSourceSummary> Summaries => _byId.Values;

    public void Upsert(DataSourceSummary summary)
    {
        if (_byId.TryGetValue(summary.BkDataId, out var previous) && previous.BkBizId != summary.BkBizId)
        {
            _idsByBiz[previous.BkBizId].Remove(summary.BkDataId);
        }
        _byId[summary.BkDataId] = summary;
        if (!_idsByBiz.TryGetValue(summary.BkBizId, out var ids))
        {
            _idsByBiz[summary.BkBizId] = ids = [];
        }
        ids.Add(summary.BkDataId);
    }

    public DataSourcePage Page(int? bkBizId, int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(page);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        IReadOnlyCollection<int> ids = bkBizId is { } biz
            ? _idsByBiz.TryGetValue(biz, out var set) ? set : []
            : _byId.Keys;
        var skip = (long)(page - 1) * pageSize;
        var items = skip >= ids.Count ? [] : ids.Skip((int)skip).Take(pageSize).Select(id => _byId[id]).ToList();
        return new DataSourcePage(items, ids.Count, page, pageSize);
    }
}
