using System.Text.Json;
using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.IntegrationTests.Alerts;

/// <summary>Snapshots are equal when they serialize alike (their lists and dictionaries compare by reference otherwise).</summary>
internal sealed class SnapshotComparer : IEqualityComparer<AlertSnapshot?>
{
    public static readonly SnapshotComparer Instance = new();

    public bool Equals(AlertSnapshot? x, AlertSnapshot? y) => Json(x) == Json(y);

    public int GetHashCode(AlertSnapshot? obj) => Json(obj).GetHashCode(StringComparison.Ordinal);

    private static string Json(AlertSnapshot? snapshot) => JsonSerializer.Serialize(snapshot);
}
