using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The searchable alert store: one row per alert id holding the filter columns (biz, status, strategy, begin/end
/// time) and the whole snapshot. A row only moves forward: an upsert whose <see cref="AlertSnapshot.Version"/> is
/// not above the stored one is ignored, so a late or repeated write never undoes a newer one. The alert grains'
/// state stays the source of truth; <see cref="AlertIndexWriter"/> feeds this store in batches. Thread-safe.
/// </summary>
public interface IAlertIndex
{
    /// <summary>Creates or migrates the schema; idempotent, called when the silo starts.</summary>
    Task InitAsync(CancellationToken cancellationToken);

    /// <summary>Writes the alerts (at most one per id) in one transaction; rows with a newer version stay.</summary>
    Task UpsertAsync(IReadOnlyCollection<AlertSnapshot> alerts, CancellationToken cancellationToken);

    /// <summary>One page of the matching alerts, newest first (by id: creation second, then sequence), and the total.</summary>
    Task<AlertPage> SearchAsync(AlertQuery query, CancellationToken cancellationToken);

    Task<AlertSnapshot?> GetAsync(string alertId, CancellationToken cancellationToken);
}
