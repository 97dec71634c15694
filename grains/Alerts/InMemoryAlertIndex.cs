using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.Grains.Alerts;

/// <summary>The alert index in process memory, for unit and in-process cluster tests (lost with the process).</summary>
public sealed class InMemoryAlertIndex : IAlertIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AlertSnapshot> _rows = new(StringComparer.Ordinal);

    public Task InitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UpsertAsync(IReadOnlyCollection<AlertSnapshot> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        lock (_gate)
        {
            foreach (var alert in alerts)
            {
                if (!_rows.TryGetValue(alert.Id, out var stored) || alert.Version > stored.Version) _rows[alert.Id] = alert;
            }
        }
        return Task.CompletedTask;
    }

    public Task<AlertSnapshot?> GetAsync(string alertId, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_rows.GetValueOrDefault(alertId));
    }

    public Task<AlertPage> SearchAsync(AlertQuery query, CancellationToken cancellationToken)
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
        matches.Sort((a, b) => AlertIdOrder.NewestFirst(a.Id, b.Id));
        var skip = (long)(query.Page - 1) * query.PageSize;
        var items = skip >= matches.Count ? [] : matches.GetRange((int)skip, (int)Math.Min(query.PageSize, matches.Count - skip));
        return Task.FromResult(new AlertPage(items, matches.Count, query.Page, query.PageSize));
    }

    private static bool Matches(AlertSnapshot row, AlertQuery query) =>
        (query.BkBizId is not { } biz || row.BkBizId == biz)
        && (query.Status is not { } status || row.Status == status)
        && (query.StrategyId is not { } strategy || row.StrategyId == strategy)
        && (query.EndTime is not { } end || row.BeginTime <= end)
        && (query.StartTime is not { } start || row.EndTime is not { } ended || ended >= start);
}
