namespace BkMonitor.Grains.Alerts;

/// <summary>
/// Group commit for one activation's state: a change made while a write is in flight joins the next write, so many
/// interleaved callers cost two writes, not one each. A caller's task completes once a write that started after its
/// change has finished (or fails with that write). Used from one activation's turns only (not thread-safe).
/// </summary>
internal sealed class GroupCommit(Func<Task> write)
{
    private TaskCompletionSource? _waiting;
    private TaskCompletionSource? _last;
    private Task _running = Task.CompletedTask;

    /// <summary>Call after changing the state: completes when a write holding the change is done.</summary>
    public Task CommitAsync()
    {
        if (_waiting is not null) return _waiting.Task;
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting = next;
        _last = next;
        _running = WriteAfterAsync(_running, next);
        return next.Task;
    }

    /// <summary>
    /// For a caller whose change was already made by someone else: completes when every change made so far is stored
    /// (waits for the writes queued or running; starts a new one if the last one failed).
    /// </summary>
    public Task StoredAsync() => _last switch
    {
        null => Task.CompletedTask,
        { Task.IsFaulted: true } or { Task.IsCanceled: true } => CommitAsync(),
        var last => last.Task,
    };

    private async Task WriteAfterAsync(Task previous, TaskCompletionSource next)
    {
        await previous; // never faults: failures go to the callers' tasks
        _waiting = null; // changes from here on need the following write
        try
        {
            await write();
            next.SetResult();
        }
        catch (Exception e)
        {
            next.SetException(e);
        }
    }
}
