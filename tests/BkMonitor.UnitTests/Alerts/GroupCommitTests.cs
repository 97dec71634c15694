using BkMonitor.Grains.Alerts;

namespace BkMonitor.UnitTests.Alerts;

public sealed class GroupCommitTests
{
    // A store whose writes complete only when the test says so; each write signals that it started.
    private sealed class GatedStore
    {
        private readonly List<TaskCompletionSource> _writes = [];
        private TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Writes { get { lock (_writes) return _writes.Count; } }

        public Task WriteAsync()
        {
            var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            TaskCompletionSource started;
            lock (_writes)
            {
                _writes.Add(write);
                started = _started;
                _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            started.SetResult();
            return write.Task;
        }

        public Task NextStarted() { lock (_writes) return _started.Task; }

        public void Finish(int index, Exception? error = null)
        {
            TaskCompletionSource write;
            lock (_writes) write = _writes[index];
            if (error is null) write.SetResult(); else write.SetException(error);
        }
    }

    [Fact]
    public async Task Changes_made_while_a_write_runs_share_the_next_write()
    {
        var store = new GatedStore();
        var commit = new GroupCommit(store.WriteAsync);

        var first = commit.CommitAsync();
        Assert.Equal(1, store.Writes); // starts at once
        var second = commit.CommitAsync();
        var third = commit.CommitAsync();
        Assert.Same(second, third);
        Assert.Equal(1, store.Writes); // the second waits for the first

        var secondStarted = store.NextStarted();
        store.Finish(0);
        await first;
        await secondStarted;
        Assert.False(second.IsCompleted);
        var fourth = commit.CommitAsync(); // made after the second write took the state: needs a third
        Assert.NotSame(second, fourth);

        var thirdStarted = store.NextStarted();
        store.Finish(1);
        await second;
        await thirdStarted;
        store.Finish(2);
        await fourth;
        Assert.Equal(3, store.Writes);
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_only_and_stored_starts_a_new_write()
    {
        var store = new GatedStore();
        var commit = new GroupCommit(store.WriteAsync);
        Assert.True(commit.StoredAsync().IsCompleted); // nothing changed yet

        var first = commit.CommitAsync();
        store.Finish(0, new InvalidOperationException("store down"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => first);

        var retried = commit.StoredAsync(); // the last write failed: the state is written again
        Assert.Equal(2, store.Writes);
        store.Finish(1);
        await retried;
        Assert.Same(retried, commit.StoredAsync()); // done: no further write
        Assert.Equal(2, store.Writes);
    }

    [Fact]
    public async Task Stored_waits_for_the_write_in_flight()
    {
        var store = new GatedStore();
        var commit = new GroupCommit(store.WriteAsync);
        var first = commit.CommitAsync();
        var stored = commit.StoredAsync();
        Assert.False(stored.IsCompleted);
        store.Finish(0);
        await stored;
        Assert.True(first.IsCompletedSuccessfully);
        Assert.Equal(1, store.Writes);
    }
}
