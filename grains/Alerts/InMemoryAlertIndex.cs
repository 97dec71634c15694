using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The embedded alert index: rows by id in memory, newest first by id on search (ids start with the creation
/// second, so string order is creation order for ids of equal length).
/// </summary>
public sealed class InMemoryAlertIndex : IAlertIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AlertSnapshot> _rows = new(StringComparer.Ordinal);

    public void Upsert(AlertSnapshot alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        lock (_gate) _rows[alert.Id] = alert;
    }

    public string? DedupeMd5Of(string alertId)
    {
        lock (_gate) return _rows.TryGetValue(alertId, out var row) ? row.DedupeMd5 : null;
    }

    public AlertPage Search(AlertQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<AlertSnapshot> matches = [];
        lock (_gate)
        {
            foreach (var row in _rows.Values)
            {
                if (Matches(row, query)) matches.Add(row);
            }
        }
        matches.Sort(static (a, b) => a.Id.Length != b.Id.Length ? b.Id.Length.CompareTo(a.Id.Length) : string.CompareOrdinal(b.Id, a.Id));
        var skip = (long)(query.Page - 1) * query.PageSize;
        var items = skip >= matches.Count ? [] : matches.GetRange((int)skip, (int)Math.Min(query.PageSize, matches.Count - skip));
        return new AlertPage(items, matches.Count, query.Page, query.PageSize);
    }

    private static bool Matches(AlertSnapshot row, AlertQuery query) =>
        (query.BkBizId is not { } biz || row.BkBizId == biz)
        && (query.Status is not { } status || row.Status == status)
        && (query.StrategyId is not { } strategy || row.StrategyId == strategy)
        && (query.EndTime is not { } end || row.BeginTime <= end)
        && (query.StartTime is not { } start || row.EndTime is not { } ended || ended >= start);
}
