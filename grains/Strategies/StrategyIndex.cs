using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Strategies;

/// <summary>
/// The strategy catalog's in-memory index: summaries by id and ids by business, both ordered, so a page is
/// a skip/take over one ordered set and never a scan of strategies.
/// </summary>
internal sealed class StrategyIndex
{
    private readonly SortedDictionary<long, StrategySummary> _byId = [];
    private readonly Dictionary<long, SortedSet<long>> _byBiz = [];

    public StrategyIndex(IEnumerable<StrategySummary> summaries)
    {
        foreach (var summary in summaries) Upsert(summary);
    }

    public int Count => _byId.Count;

    public IEnumerable<StrategySummary> Summaries => _byId.Values;

    public long MaxId => _byId.Count == 0 ? 0 : _byId.Keys.Max();

    public void Upsert(StrategySummary summary)
    {
        if (_byId.TryGetValue(summary.Id, out var old) && old.BkBizId != summary.BkBizId) RemoveFromBiz(old);
        _byId[summary.Id] = summary;
        if (!_byBiz.TryGetValue(summary.BkBizId, out var ids)) _byBiz[summary.BkBizId] = ids = [];
        ids.Add(summary.Id);
    }

    public bool Remove(long id)
    {
        if (!_byId.Remove(id, out var old)) return false;
        RemoveFromBiz(old);
        return true;
    }

    /// <summary>Page <paramref name="page"/> (1-based) of <paramref name="pageSize"/> ids, ascending.</summary>
    public StrategyIdPage Page(long? bkBizId, int page, int pageSize)
    {
        if (page < 1) throw new ArgumentOutOfRangeException(nameof(page), page, "page starts at 1");
        if (pageSize < 1) throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "page_size must be positive");
        IReadOnlyCollection<long> ids = bkBizId is { } biz
            ? _byBiz.TryGetValue(biz, out var set) ? set : []
            : _byId.Keys;
        var skip = (long)(page - 1) * pageSize;
        var result = skip >= ids.Count ? [] : ids.Skip((int)skip).Take(pageSize).ToList();
        return new StrategyIdPage(result, ids.Count);
    }

    private void RemoveFromBiz(StrategySummary summary)
    {
        if (!_byBiz.TryGetValue(summary.BkBizId, out var ids)) return;
        ids.Remove(summary.Id);
        if (ids.Count == 0) _byBiz.Remove(summary.BkBizId);
    }
}
