namespace BkMonitor.Grains.Bcs;

/// <summary>
/// Cluster status values as bk-monitor stores them: BCS's own upper-case status is mirrored as-is
/// (RUNNING, DELETED, …), plus the monitor's <c>init_failed</c> when DataID resources could not be written.
/// </summary>
internal static class BcsClusterStatus
{
    public const string Running = "RUNNING";
    public const string Deleted = "DELETED";
    public const string InitFailed = "init_failed";
}
