namespace BkMonitor.Benchmarks.Measurement;

/// <summary>The managed heap after full blocking, compacting collections (finalizers run in between).</summary>
public static class HeapSize
{
    public static long Settled()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
