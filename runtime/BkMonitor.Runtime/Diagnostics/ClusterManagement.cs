using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Messaging;

namespace BkMonitor.Runtime.Diagnostics;

/// <summary>Cluster view from membership plus the catalogs of the silos in this process.</summary>
internal sealed class ClusterManagement(Silo localSilo, IMembershipOracle membership, ISiloTransport transport) : IClusterManagement
{
    public Task<IReadOnlyList<SiloInfo>> GetSilosAsync(CancellationToken cancellationToken = default)
    {
        var silos = new List<SiloInfo>();
        foreach (var member in membership.Members)
        {
            silos.Add(new SiloInfo(member.Address, member.Name, member.Status, member.Roles, Find(member.Address)?.ActivationCount));
        }
        return Task.FromResult<IReadOnlyList<SiloInfo>>(silos);
    }

    public Task<IReadOnlyList<GrainTypeActivations>> GetActivationCountsAsync(CancellationToken cancellationToken = default)
    {
        var counts = new List<GrainTypeActivations>();
        foreach (var member in membership.Members)
        {
            if (Find(member.Address) is not { } silo)
            {
                continue;
            }
            foreach (var (grainType, count) in silo.Catalog.CountByGrainType())
            {
                counts.Add(new GrainTypeActivations(grainType, silo.Address, count));
            }
        }
        counts.Sort(static (a, b) => a.GrainType != b.GrainType
            ? string.CompareOrdinal(a.GrainType, b.GrainType)
            : string.CompareOrdinal(a.Silo.ToString(), b.Silo.ToString()));
        return Task.FromResult<IReadOnlyList<GrainTypeActivations>>(counts);
    }

    private Silo? Find(SiloAddress address) => address == localSilo.Address ? localSilo : transport.FindInProcess(address);
}
