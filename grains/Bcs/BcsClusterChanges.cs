namespace BkMonitor.Grains.Bcs;

/// <summary>
/// What a discovery refresh changed on a cluster. A business change is called out on its own because
/// the cluster's routes (result tables, data ids) must move from the old business to the new one.
/// </summary>
internal sealed record BcsClusterChanges(
    (string Old, string New)? Status = null,
    bool ApiKeyChanged = false,
    (int Old, int New)? BizMove = null,
    (string Old, string New)? Project = null)
{
    public static BcsClusterChanges None { get; } = new();

    public bool HasChanges => Status is not null || ApiKeyChanged || BizMove is not null || Project is not null;
}
