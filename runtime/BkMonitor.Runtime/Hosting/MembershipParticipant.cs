using BkMonitor.Runtime.Membership;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Joins the membership (and the in-process transport) at the membership stage; leaves on stop.</summary>
internal sealed class MembershipParticipant(Silo silo) : ISiloLifecycleParticipant
{
    public int Stage => SiloStages.Membership;

    public Task StartAsync(CancellationToken cancellationToken) => silo.JoinAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => silo.LeaveAsync(cancellationToken);
}
