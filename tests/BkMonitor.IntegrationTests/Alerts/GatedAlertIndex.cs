using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;

namespace BkMonitor.IntegrationTests.Alerts;

/// <summary>
/// An alert index in front of another that records each batch and can hold writes at a gate (to fill the
/// writer's queue) or fail the next ones (to see retries).
/// </summary>
internal sealed class GatedAlertIndex(IAlertIndex inner) : IAlertIndex
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failures;

    public List<IReadOnlyCollection<AlertSnapshot>> Batches { get; } = [];

    /// <summary>Completes when a write reaches the gate.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsHeld { get; private set; }

    public void Hold()
    {
        lock (_gate)
        {
            IsHeld = true;
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            IsHeld = false;
            _open.TrySetResult();
        }
    }

    public void FailNext(int writes) => Interlocked.Exchange(ref _failures, writes);

    public Task InitAsync(CancellationToken cancellationToken) => inner.InitAsync(cancellationToken);

    public async Task UpsertAsync(IReadOnlyCollection<AlertSnapshot> alerts, CancellationToken cancellationToken)
    {
        Task open;
        lock (_gate)
        {
            Batches.Add([.. alerts]);
            open = _open.Task;
        }
        Entered.TrySetResult();
        if (IsHeld) await open.WaitAsync(cancellationToken);
        if (Interlocked.Decrement(ref _failures) >= 0) throw new IOException("store unavailable (test)");
        await inner.UpsertAsync(alerts, cancellationToken);
    }

    public Task<AlertPage> SearchAsync(AlertQuery query, CancellationToken cancellationToken) => inner.SearchAsync(query, cancellationToken);

    public Task<AlertSnapshot?> GetAsync(string alertId, CancellationToken cancellationToken) => inner.GetAsync(alertId, cancellationToken);
}
