namespace BkMonitor.Runtime.Catalog;

/// <summary>Runs idle collection over the catalog every collection quantum, on the silo's clock.</summary>
internal sealed class ActivationCollector(ActivationCatalog catalog, TimeProvider time, TimeSpan quantum) : IDisposable
{
    private ITimer? _timer;

    public void Start() => _timer ??= time.CreateTimer(static s => ((ActivationCatalog)s!).CollectIdle(), catalog, quantum, quantum);

    public void Dispose() => _timer?.Dispose();
}
