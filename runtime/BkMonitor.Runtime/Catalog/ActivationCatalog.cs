using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using BkMonitor.Runtime.Activation;
using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Messaging;
using BkMonitor.Runtime.Timers;

namespace BkMonitor.Runtime.Catalog;

/// <summary>
/// The activations of one silo: created on the first message for a grain, removed when they deactivate,
/// fail to activate, or the silo dies. Stateless workers live in per-grain pools beside the main table.
/// </summary>
internal sealed class ActivationCatalog(Silo silo)
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerPool> _workerPools = new();
    private int _count;
    private long _collected;
    private volatile bool _accepting = true;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Activations taken by idle collection since the silo started.</summary>
    public long CollectedCount => Interlocked.Read(ref _collected);

    public bool IsAccepting => _accepting;

    public bool TryGetActivation(GrainId grainId, [MaybeNullWhen(false)] out ActivationData activation)
        => _activations.TryGetValue(grainId, out activation);

    /// <summary>Queues the message on the grain's activation here, creating it; false when this silo no longer hosts grains.</summary>
    public bool TryDeliver(CallMessage message, GrainClassDescriptor grainClass)
    {
        if (grainClass.IsStatelessWorker)
        {
            return _accepting && _workerPools
                .GetOrAdd(message.Target, static (id, state) => new StatelessWorkerPool(state.Catalog, state.Silo, id, state.Class), (Catalog: this, Silo: silo, Class: grainClass))
                .TryEnqueue(message);
        }
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (!_activations.TryGetValue(message.Target, out var activation))
            {
                if (!_accepting)
                {
                    return false;
                }
                var created = new ActivationData(silo, message.Target, grainClass, pool: null);
                if (!_activations.TryAdd(message.Target, created))
                {
                    continue;
                }
                OnCreated();
                activation = created;
            }
            if (activation.TryEnqueue(message))
            {
                return true;
            }
            Remove(activation);
        }
        return false;
    }

    public void OnCreated()
    {
        Interlocked.Increment(ref _count);
        silo.Instruments.ActivationsCreated.Add(1);
        silo.Instruments.ActivationsCurrent.Add(1);
    }

    /// <summary>Removes the activation if it is still registered; idempotent.</summary>
    public void Remove(ActivationData activation)
    {
        var removed = activation.Pool is { } pool
            ? pool.Remove(activation)
            : _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));
        if (removed)
        {
            Interlocked.Decrement(ref _count);
            silo.Instruments.ActivationsCurrent.Add(-1);
        }
    }

    public IEnumerable<ActivationData> Activations
    {
        get
        {
            foreach (var pair in _activations)
            {
                yield return pair.Value;
            }
            foreach (var pool in _workerPools)
            {
                foreach (var worker in pool.Value.Workers)
                {
                    yield return worker;
                }
            }
        }
    }

    /// <summary>Deactivates every activation idle for at least the collection age (and past any DelayDeactivation).</summary>
    public void CollectIdle()
    {
        var now = silo.TimeProvider.GetTimestamp();
        var age = TimestampSpan.From(silo.TimeProvider, silo.Options.CollectionAge);
        foreach (var activation in Activations)
        {
            if (activation.IsIdle(now, age))
            {
                activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"idle for {silo.Options.CollectionAge}"));
                Interlocked.Increment(ref _collected);
                silo.Instruments.ActivationsCollected.Add(1);
            }
        }
    }

    /// <summary>Deactivates activations whose owner is now another silo (a silo joined, or role rules changed).</summary>
    public void Rebalance()
    {
        if (!_accepting)
        {
            return;
        }
        foreach (var pair in _activations)
        {
            var activation = pair.Value;
            SiloAddress owner;
            try
            {
                owner = silo.Placement.PickSilo(activation.GrainId, activation.Descriptor);
            }
            catch (SiloUnavailableException)
            {
                continue; // nobody else can take it: keep serving
            }
            if (owner != silo.Address)
            {
                activation.Deactivate(new DeactivationReason(DeactivationReasonCode.PlacementChanged, $"grain now belongs to silo {owner}"));
            }
        }
    }

    /// <summary>Graceful shutdown: deactivate everything (OnDeactivateAsync runs); on cancellation drop what is left.</summary>
    public async Task DeactivateAllAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _accepting = false;
        var pending = new List<Task>();
        foreach (var activation in Activations)
        {
            activation.Deactivate(reason);
            pending.Add(activation.WhenDeactivated());
        }
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            RuntimeLog.ShutdownCancelled(silo.Logger, silo.Address, Count);
            KillAll();
        }
    }

    /// <summary>Abrupt loss: drop every activation without OnDeactivateAsync; returns how many there were.</summary>
    public int KillAll()
    {
        _accepting = false;
        var killed = 0;
        foreach (var activation in Activations)
        {
            activation.Kill();
            Remove(activation);
            killed++;
        }
        return killed;
    }

    /// <summary>Activation counts per grain type, for the management view.</summary>
    public Dictionary<string, int> CountByGrainType()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var activation in Activations)
        {
            counts[activation.GrainId.Type] = counts.GetValueOrDefault(activation.GrainId.Type) + 1;
        }
        return counts;
    }
}
