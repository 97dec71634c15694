using System.Collections.Concurrent;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Messaging;

namespace BkMonitor.Runtime.Membership;

/// <summary>
/// In-process membership shared by the silos of one process, and the in-process transport between them:
/// a call for a grain owned by another silo of this process is handed to that silo's catalog.
/// </summary>
public sealed class ClusterDirectory : IMembershipOracle, ISiloTransport
{
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<SiloAddress, Silo> _silos = new();
    private SiloMember[] _members = [];

    public IReadOnlyList<SiloMember> Members => Volatile.Read(ref _members);

    public event Action? MembershipChanged;

    public Task JoinAsync(SiloMember self, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(self);
        lock (_lock)
        {
            var next = new List<SiloMember>(_members.Length + 1);
            foreach (var m in _members)
            {
                if (m.Address != self.Address)
                {
                    next.Add(m);
                }
            }
            next.Add(self);
            next.Sort(static (a, b) => string.CompareOrdinal(a.Address.ToString(), b.Address.ToString()));
            Volatile.Write(ref _members, next.ToArray());
        }
        MembershipChanged?.Invoke();
        return Task.CompletedTask;
    }

    public Task UpdateStatusAsync(SiloAddress silo, SiloStatus status, CancellationToken cancellationToken)
    {
        var changed = false;
        lock (_lock)
        {
            var next = new List<SiloMember>(_members.Length);
            foreach (var m in _members)
            {
                if (m.Address != silo)
                {
                    next.Add(m);
                }
                else if (m.Status != status)
                {
                    changed = true;
                    if (status != SiloStatus.Dead)
                    {
                        next.Add(m with { Status = status });
                    }
                }
                else
                {
                    next.Add(m);
                }
            }
            Volatile.Write(ref _members, next.ToArray());
        }
        if (changed)
        {
            MembershipChanged?.Invoke();
        }
        return Task.CompletedTask;
    }

    void ISiloTransport.Register(Silo silo) => _silos[silo.Address] = silo;

    void ISiloTransport.Unregister(Silo silo) => _silos.TryRemove(new KeyValuePair<SiloAddress, Silo>(silo.Address, silo));

    bool ISiloTransport.TrySend(SiloAddress target, CallMessage message, GrainClassDescriptor grainClass)
        => _silos.TryGetValue(target, out var silo) && silo.Catalog.TryDeliver(message, grainClass);

    Silo? ISiloTransport.FindInProcess(SiloAddress address) => _silos.TryGetValue(address, out var silo) ? silo : null;
}
