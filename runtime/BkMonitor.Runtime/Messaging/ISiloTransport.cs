using BkMonitor.Runtime.Hosting;

namespace BkMonitor.Runtime.Messaging;

/// <summary>
/// Carries a call to the catalog of another silo. In-process (<see cref="Membership.ClusterDirectory"/>) it
/// hands the message over; a network transport would serialize it.
/// </summary>
internal interface ISiloTransport
{
    void Register(Silo silo);

    void Unregister(Silo silo);

    /// <summary>False when the target silo is gone or no longer accepts activations; the sender re-routes.</summary>
    bool TrySend(SiloAddress target, CallMessage message, GrainClassDescriptor grainClass);

    /// <summary>The silo object when it lives in this process (management view); null otherwise.</summary>
    Silo? FindInProcess(SiloAddress address);
}
