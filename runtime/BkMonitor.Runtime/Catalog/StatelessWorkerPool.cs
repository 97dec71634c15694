using BkMonitor.Runtime.Activation;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Messaging;

namespace BkMonitor.Runtime.Catalog;

/// <summary>
/// Local activations of one stateless-worker grain: a call goes to an idle worker, else a new worker up to
/// the class's maximum, else round-robin over the busy ones.
/// </summary>
internal sealed class StatelessWorkerPool(ActivationCatalog catalog, Silo silo, GrainId grainId, GrainClassDescriptor grainClass)
{
    private readonly Lock _lock = new();
    private ActivationData[] _workers = [];
    private int _next;

    public IReadOnlyList<ActivationData> Workers => Volatile.Read(ref _workers);

    public bool TryEnqueue(CallMessage message)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var worker = Pick();
            if (worker is null)
            {
                return false;
            }
            if (worker.TryEnqueue(message))
            {
                return true;
            }
            catalog.Remove(worker);
        }
        return false;
    }

    public bool Remove(ActivationData worker)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_workers, worker);
            if (index < 0)
            {
                return false;
            }
            var next = new ActivationData[_workers.Length - 1];
            Array.Copy(_workers, 0, next, 0, index);
            Array.Copy(_workers, index + 1, next, index, next.Length - index);
            Volatile.Write(ref _workers, next);
            return true;
        }
    }

    private ActivationData? Pick()
    {
        var workers = Volatile.Read(ref _workers);
        foreach (var worker in workers)
        {
            if (!worker.IsBusy)
            {
                return worker;
            }
        }
        lock (_lock)
        {
            workers = _workers;
            if (workers.Length < grainClass.StatelessWorkerMaxLocal && catalog.IsAccepting)
            {
                var created = new ActivationData(silo, grainId, grainClass, this);
                Volatile.Write(ref _workers, [.. workers, created]);
                catalog.OnCreated();
                return created;
            }
        }
        return workers.Length == 0 ? null : workers[(int)((uint)Interlocked.Increment(ref _next) % (uint)workers.Length)];
    }
}
