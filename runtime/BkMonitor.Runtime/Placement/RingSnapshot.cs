using System.Collections.Concurrent;
using System.Globalization;
using BkMonitor.Runtime.Membership;

namespace BkMonitor.Runtime.Placement;

/// <summary>
/// An immutable consistent-hash ring over a set of active silos: every silo contributes virtual nodes at
/// uniform hashes of its address, and a hash belongs to the first node at or after it (range (prev, node]).
/// Rings filtered by role are built on demand and cached with the snapshot.
/// </summary>
internal sealed class RingSnapshot
{
    private readonly uint[] _points;
    private readonly SiloAddress[] _owners;
    private readonly int _virtualNodes;
    private readonly ConcurrentDictionary<string, RingSnapshot> _byRole = new(StringComparer.Ordinal);

    public RingSnapshot(IReadOnlyList<SiloMember> activeMembers, int virtualNodes)
    {
        Members = activeMembers;
        _virtualNodes = virtualNodes;
        var nodes = new List<(uint Point, SiloAddress Silo)>(activeMembers.Count * virtualNodes);
        foreach (var member in activeMembers)
        {
            var address = member.Address.ToString();
            for (var i = 0; i < virtualNodes; i++)
            {
                nodes.Add((UniformHash.Of(address, i.ToString(CultureInfo.InvariantCulture)), member.Address));
            }
        }
        // Ties on the point are broken by address so every silo builds the same ring.
        nodes.Sort(static (a, b) => a.Point != b.Point
            ? a.Point.CompareTo(b.Point)
            : string.CompareOrdinal(a.Silo.ToString(), b.Silo.ToString()));
        _points = new uint[nodes.Count];
        _owners = new SiloAddress[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            _points[i] = nodes[i].Point;
            _owners[i] = nodes[i].Silo;
        }
    }

    public static RingSnapshot Empty { get; } = new([], 1);

    /// <summary>The active silos of this ring, ordered by address.</summary>
    public IReadOnlyList<SiloMember> Members { get; }

    public bool IsEmpty => _points.Length == 0;

    public SiloAddress Owner(uint hash)
    {
        if (_points.Length == 0)
        {
            throw new SiloUnavailableException("The cluster has no active silo.");
        }
        var index = Array.BinarySearch(_points, hash);
        if (index < 0)
        {
            index = ~index;
            if (index == _points.Length)
            {
                index = 0;
            }
        }
        else
        {
            // Equal points: the first one owns the hash.
            while (index > 0 && _points[index - 1] == hash)
            {
                index--;
            }
        }
        return _owners[index];
    }

    public bool Contains(SiloAddress silo)
    {
        foreach (var m in Members)
        {
            if (m.Address == silo)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The ranges (prev, node] owned by <paramref name="silo"/>.</summary>
    public IReadOnlyList<RingRange> RangesOf(SiloAddress silo)
    {
        var ranges = new List<RingRange>();
        for (var i = 0; i < _points.Length; i++)
        {
            if (_owners[i] != silo)
            {
                continue;
            }
            var previous = _points[i == 0 ? _points.Length - 1 : i - 1];
            if (previous == _points[i] && _points.Length > 1)
            {
                continue; // a duplicate point owns nothing
            }
            ranges.Add(new RingRange(previous, _points[i]));
        }
        return ranges;
    }

    /// <summary>The ring over the members that carry <paramref name="role"/>.</summary>
    public RingSnapshot ForRole(string role) => _byRole.GetOrAdd(role, static (r, self) =>
    {
        var members = new List<SiloMember>();
        foreach (var m in self.Members)
        {
            if (m.HasRole(r))
            {
                members.Add(m);
            }
        }
        return members.Count == self.Members.Count ? self : new RingSnapshot(members, self._virtualNodes);
    }, this);
}
