using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.Reminders;

/// <summary>A ring whose local ranges the test sets; <see cref="SetRanges"/> raises Changed like a membership change.</summary>
internal sealed class TestSiloRing(params RingRange[] ranges) : ISiloRing
{
    private static readonly SiloAddress Local = new("127.0.0.1", 11111, 1);
    private static readonly SiloAddress Remote = new("127.0.0.1", 11112, 1);
    private RingRange[] _ranges = ranges;

    public event Action? Changed;

    public SiloAddress LocalSilo => Local;

    public IReadOnlyList<SiloAddress> Silos => [Local, Remote];

    public IReadOnlyList<RingRange> LocalRanges => Volatile.Read(ref _ranges);

    public static RingRange Only(GrainId grainId)
    {
        var hash = grainId.GetUniformHashCode();
        return new RingRange(hash - 1, hash);
    }

    public bool IsLocal(uint hash) => Array.Exists(Volatile.Read(ref _ranges), r => r.Contains(hash));

    public SiloAddress Owner(uint hash) => IsLocal(hash) ? Local : Remote;

    public void SetRanges(params RingRange[] ranges)
    {
        Volatile.Write(ref _ranges, ranges);
        Changed?.Invoke();
    }
}
