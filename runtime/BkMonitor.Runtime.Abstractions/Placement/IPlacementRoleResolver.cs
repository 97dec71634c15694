namespace BkMonitor.Runtime;

/// <summary>
/// Decides which silo role (group) must host a grain. Null means any silo. The alarm cluster routing
/// rules implement this so a business's strategies and alerts live on their own silo group.
/// </summary>
public interface IPlacementRoleResolver
{
    string? ResolveRole(GrainId grainId, GrainClassDescriptor grainClass);
}

/// <summary>Raised by the resolver when its rules change, so the runtime can move affected grains.</summary>
public interface IPlacementRoleResolverNotifications
{
    event Action? RulesChanged;
}
