namespace BkMonitor.Runtime.Membership;

/// <summary>One silo as membership knows it.</summary>
public sealed record SiloMember(SiloAddress Address, string Name, IReadOnlyList<string> Roles, SiloStatus Status)
{
    public bool HasRole(string role)
    {
        foreach (var r in Roles)
        {
            if (string.Equals(r, role, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>
/// Who is in the cluster. The in-process <see cref="ClusterDirectory"/> implements it for one process; a
/// Redis table with heartbeats implements it across processes. Placement, the silo ring and the
/// management view read <see cref="Members"/> and rebuild on <see cref="MembershipChanged"/>.
/// </summary>
public interface IMembershipOracle
{
    /// <summary>The silos known to the cluster with their status; dead silos may be omitted.</summary>
    IReadOnlyList<SiloMember> Members { get; }

    /// <summary>Raised after <see cref="Members"/> changed; handlers must be quick.</summary>
    event Action? MembershipChanged;

    /// <summary>Registers the local silo (status from <paramref name="self"/>).</summary>
    Task JoinAsync(SiloMember self, CancellationToken cancellationToken);

    /// <summary>Changes a silo's status; <see cref="SiloStatus.Dead"/> removes it from the live set.</summary>
    Task UpdateStatusAsync(SiloAddress silo, SiloStatus status, CancellationToken cancellationToken);
}
