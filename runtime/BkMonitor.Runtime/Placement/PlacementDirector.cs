namespace BkMonitor.Runtime.Placement;

/// <summary>
/// Picks the silo that owns a grain: the consistent-hash ring over the active silos, filtered by the role
/// the grain needs (the <see cref="IPlacementRoleResolver"/> first, then the class's <c>[SiloRole]</c>).
/// </summary>
internal sealed class PlacementDirector(SiloRing ring)
{
    private volatile IPlacementRoleResolver? _roleResolver;

    public SiloRing Ring { get; } = ring;

    /// <summary>Set when the silo starts (resolvers may depend on the grain factory).</summary>
    public IPlacementRoleResolver? RoleResolver
    {
        get => _roleResolver;
        set => _roleResolver = value;
    }

    public string? RoleOf(GrainId grainId, GrainClassDescriptor grainClass)
        => _roleResolver?.ResolveRole(grainId, grainClass) ?? grainClass.PlacementRole;

    /// <summary>The owner silo; throws <see cref="SiloUnavailableException"/> naming the role when no active silo carries it.</summary>
    public SiloAddress PickSilo(GrainId grainId, GrainClassDescriptor grainClass)
    {
        var role = RoleOf(grainId, grainClass);
        var snapshot = Ring.Snapshot;
        var ring = role is null ? snapshot : snapshot.ForRole(role);
        if (ring.IsEmpty)
        {
            throw new SiloUnavailableException(role is null
                ? $"No active silo can host grain {grainId}: the cluster has no active silo."
                : $"No active silo has the role '{role}' required by grain {grainId} ({grainClass.GrainClass.Name}).");
        }
        return ring.Owner(grainId.GetUniformHashCode());
    }

    /// <summary>Stateless workers run on the calling silo when it may host them (it carries the role, if any).</summary>
    public bool CanHostLocally(GrainId grainId, GrainClassDescriptor grainClass, IReadOnlyList<string> localRoles)
    {
        var role = RoleOf(grainId, grainClass);
        if (role is null)
        {
            return true;
        }
        foreach (var r in localRoles)
        {
            if (string.Equals(r, role, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
