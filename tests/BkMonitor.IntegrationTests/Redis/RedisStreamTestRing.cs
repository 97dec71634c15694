using BkMonitor.Runtime;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>A silo ring the test sets by hand (the live silos), with the runtime's ownership rule: nearest silo clockwise by uniform hash.</summary>
internal sealed class RedisStreamTestRing(SiloAddress local) : ISiloRing
{
    private SiloAddress[] _silos = [local];

    public SiloAddress LocalSilo => local;

    public IReadOnlyList<SiloAddress> Silos => Volatile.Read(ref _silos);

    public IReadOnlyList<RingRange> LocalRanges => [RingRange.Full];

    public event Action? Changed;

    public bool IsLocal(uint hash) => Volatile.Read(ref _silos).Length > 0 && Owner(hash) == local;

    /// <summary>Each silo owns the points up to its own hash; the one with the smallest hash above the point wins.</summary>
    public SiloAddress Owner(uint hash)
    {
        var silos = Volatile.Read(ref _silos);
        SiloAddress? best = null, lowest = null;
        uint bestHash = 0, lowestHash = uint.MaxValue;
        foreach (var s in silos)
        {
            var h = UniformHash.Of(s.ToString(), "ring");
            if (h >= hash && (best is null || h < bestHash)) (best, bestHash) = (s, h);
            if (lowest is null || h < lowestHash) (lowest, lowestHash) = (s, h);
        }
        return best ?? lowest!.Value;
    }

    public void Set(params SiloAddress[] silos)
    {
        Volatile.Write(ref _silos, silos);
        Changed?.Invoke();
    }
}
