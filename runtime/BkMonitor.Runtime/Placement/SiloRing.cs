using BkMonitor.Runtime.Membership;

namespace BkMonitor.Runtime.Placement;

/// <summary>This silo's view of the consistent-hash ring over the active silos.</summary>
internal sealed class SiloRing(SiloAddress localSilo, int virtualNodes) : ISiloRing
{
    private readonly Lock _updateLock = new();
    private RingSnapshot _snapshot = RingSnapshot.Empty;
    private IReadOnlyList<RingRange> _localRanges = [];
    private IReadOnlyList<SiloAddress> _silos = [];

    public SiloAddress LocalSilo { get; } = localSilo;

    public RingSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public IReadOnlyList<SiloAddress> Silos => Volatile.Read(ref _silos);

    public IReadOnlyList<RingRange> LocalRanges => Volatile.Read(ref _localRanges);

    public event Action? Changed;

    public bool IsLocal(uint hash)
    {
        var snapshot = Snapshot;
        return !snapshot.IsEmpty && snapshot.Owner(hash) == LocalSilo;
    }

    public SiloAddress Owner(uint hash) => Snapshot.Owner(hash);

    /// <summary>Rebuilds the ring from the active members; returns false when the set of active silos did not change.</summary>
    public bool Update(IReadOnlyList<SiloMember> members)
    {
        lock (_updateLock)
        {
            return UpdateLocked(members);
        }
    }

    private bool UpdateLocked(IReadOnlyList<SiloMember> members)
    {
        var active = new List<SiloMember>(members.Count);
        foreach (var m in members)
        {
            if (m.Status == SiloStatus.Active)
            {
                active.Add(m);
            }
        }
        active.Sort(static (a, b) => string.CompareOrdinal(a.Address.ToString(), b.Address.ToString()));
        if (SameSilos(Snapshot.Members, active))
        {
            return false;
        }
        var snapshot = new RingSnapshot(active, virtualNodes);
        var silos = new SiloAddress[active.Count];
        for (var i = 0; i < silos.Length; i++)
        {
            silos[i] = active[i].Address;
        }
        Volatile.Write(ref _silos, silos);
        Volatile.Write(ref _localRanges, snapshot.RangesOf(LocalSilo));
        Volatile.Write(ref _snapshot, snapshot);
        if (Changed is { } handler)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static h => h(), handler, preferLocal: false);
        }
        return true;
    }

    private static bool SameSilos(IReadOnlyList<SiloMember> a, List<SiloMember> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Address != b[i].Address || !a[i].Roles.SequenceEqual(b[i].Roles))
            {
                return false;
            }
        }
        return true;
    }
}
