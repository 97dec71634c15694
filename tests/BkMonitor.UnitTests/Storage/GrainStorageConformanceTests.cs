using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.Storage;

/// <summary>The contract every <see cref="IGrainStorage"/> provider passes; a provider's test class inherits it and creates the storage.</summary>
public abstract class GrainStorageConformanceTests : IAsyncLifetime
{
    private static int _grainCounter;

    protected IGrainStorage Storage { get; private set; } = null!;

    /// <summary>A fresh, empty storage for one test.</summary>
    protected abstract Task<IGrainStorage> CreateStorageAsync();

    public async Task InitializeAsync() => Storage = await CreateStorageAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static GrainId NewGrainId() => new("conformancegrain", $"g{Interlocked.Increment(ref _grainCounter)}");

    [Fact]
    public async Task Read_of_a_missing_record_has_no_etag_and_leaves_state_as_is()
    {
        var state = new GrainState<CounterState>(new CounterState { Count = 7 });
        await Storage.ReadStateAsync("counter", NewGrainId(), state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(7, state.State.Count);
    }

    [Fact]
    public async Task Write_then_read_roundtrips_state_and_etag()
    {
        var grain = NewGrainId();
        var written = new GrainState<CounterState>(new CounterState { Count = 3, Label = "héllo", Items = ["a", "b"] });
        await Storage.WriteStateAsync("counter", grain, written);
        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);

        var read = new GrainState<CounterState>(new CounterState());
        await Storage.ReadStateAsync("counter", grain, read);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(3, read.State.Count);
        Assert.Equal("héllo", read.State.Label);
        Assert.Equal(["a", "b"], read.State.Items);
    }

    [Fact]
    public async Task Every_write_issues_a_new_etag()
    {
        var grain = NewGrainId();
        var state = new GrainState<CounterState>(new CounterState());
        await Storage.WriteStateAsync("counter", grain, state);
        var first = state.ETag;
        state.State.Count++;
        await Storage.WriteStateAsync("counter", grain, state);
        Assert.NotEqual(first, state.ETag);
    }

    [Fact]
    public async Task Write_with_a_stale_etag_throws_InconsistentStateException_and_keeps_the_newer_state()
    {
        var grain = NewGrainId();
        var first = new GrainState<CounterState>(new CounterState { Count = 1 });
        await Storage.WriteStateAsync("counter", grain, first);
        var stale = new GrainState<CounterState>(new CounterState { Count = 99 }) { ETag = first.ETag, RecordExists = true };
        first.State.Count = 2;
        await Storage.WriteStateAsync("counter", grain, first);

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("counter", grain, stale));
        Assert.Equal(first.ETag, ex.StoredEtag);
        Assert.Equal(stale.ETag, ex.CurrentEtag);
        Assert.Contains(grain.ToString(), ex.Message);
        Assert.Equal(2, (await ReadAsync(grain)).State.Count);
    }

    [Fact]
    public async Task Write_with_null_etag_when_the_record_exists_is_rejected()
    {
        var grain = NewGrainId();
        await Storage.WriteStateAsync("counter", grain, new GrainState<CounterState>(new CounterState { Count = 1 }));
        var blind = new GrainState<CounterState>(new CounterState { Count = 5 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("counter", grain, blind));
        Assert.Equal(1, (await ReadAsync(grain)).State.Count);
    }

    [Fact]
    public async Task Write_with_an_etag_for_a_missing_record_is_rejected()
    {
        var state = new GrainState<CounterState>(new CounterState()) { ETag = "12" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("counter", NewGrainId(), state));
    }

    [Fact]
    public async Task Clear_removes_the_record_and_a_new_write_starts_over()
    {
        var grain = NewGrainId();
        var state = new GrainState<CounterState>(new CounterState { Count = 4 });
        await Storage.WriteStateAsync("counter", grain, state);
        await Storage.ClearStateAsync("counter", grain, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.False((await ReadAsync(grain)).RecordExists);

        state.State = new CounterState { Count = 8 };
        await Storage.WriteStateAsync("counter", grain, state);
        var read = await ReadAsync(grain);
        Assert.True(read.RecordExists);
        Assert.Equal(8, read.State.Count);
    }

    [Fact]
    public async Task An_etag_from_before_a_clear_never_matches_the_rewritten_record()
    {
        var grain = NewGrainId();
        var owner = new GrainState<CounterState>(new CounterState { Count = 1 });
        await Storage.WriteStateAsync("counter", grain, owner);
        var stale = new GrainState<CounterState>(new CounterState { Count = 50 }) { ETag = owner.ETag, RecordExists = true };
        await Storage.ClearStateAsync("counter", grain, owner);
        await Storage.WriteStateAsync("counter", grain, owner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("counter", grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("counter", grain, stale));
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_throws_and_keeps_the_record()
    {
        var grain = NewGrainId();
        var state = new GrainState<CounterState>(new CounterState { Count = 1 });
        await Storage.WriteStateAsync("counter", grain, state);
        var stale = new GrainState<CounterState>(new CounterState()) { ETag = state.ETag, RecordExists = true };
        await Storage.WriteStateAsync("counter", grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("counter", grain, stale));
        Assert.True((await ReadAsync(grain)).RecordExists);
    }

    [Fact]
    public async Task Clear_of_a_missing_record_with_null_etag_succeeds()
    {
        var state = new GrainState<CounterState>(new CounterState());
        await Storage.ClearStateAsync("counter", NewGrainId(), state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        var grain = NewGrainId();
        var seed = new GrainState<CounterState>(new CounterState());
        await Storage.WriteStateAsync("counter", grain, seed);
        const int writers = 16;
        using var start = new ManualResetEventSlim();
        var tasks = new Task<bool>[writers];
        for (var i = 0; i < writers; i++)
        {
            var value = i + 100;
            tasks[i] = Task.Run(async () =>
            {
                start.Wait();
                var mine = new GrainState<CounterState>(new CounterState { Count = value }) { ETag = seed.ETag, RecordExists = true };
                try
                {
                    await Storage.WriteStateAsync("counter", grain, mine);
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false;
                }
            });
        }
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, won => won);
        var winner = Array.IndexOf(results, true) + 100;
        Assert.Equal(winner, (await ReadAsync(grain)).State.Count);
    }

    [Fact]
    public async Task Concurrent_first_writes_with_null_etag_exactly_one_wins()
    {
        var grain = NewGrainId();
        var tasks = new Task<bool>[8];
        for (var i = 0; i < tasks.Length; i++)
        {
            var value = i;
            tasks[i] = Task.Run(async () =>
            {
                try
                {
                    await Storage.WriteStateAsync("counter", grain, new GrainState<CounterState>(new CounterState { Count = value }));
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false;
                }
            });
        }
        Assert.Single(await Task.WhenAll(tasks), won => won);
    }

    [Fact]
    public async Task Large_state_roundtrips()
    {
        var grain = NewGrainId();
        var items = new List<string>(20_000);
        for (var i = 0; i < 20_000; i++)
        {
            items.Add($"item-{i:D6}-{new string('x', 64)}");
        }
        await Storage.WriteStateAsync("counter", grain, new GrainState<CounterState>(new CounterState { Items = items }));
        var read = await ReadAsync(grain);
        Assert.Equal(items.Count, read.State.Items.Count);
        Assert.Equal(items[^1], read.State.Items[^1]);
    }

    [Fact]
    public async Task State_names_and_grains_do_not_share_records()
    {
        var grain = NewGrainId();
        var other = NewGrainId();
        await Storage.WriteStateAsync("counter", grain, new GrainState<CounterState>(new CounterState { Count = 1 }));
        await Storage.WriteStateAsync("other", grain, new GrainState<CounterState>(new CounterState { Count = 2 }));
        await Storage.WriteStateAsync("counter", other, new GrainState<CounterState>(new CounterState { Count = 3 }));

        Assert.Equal(1, (await ReadAsync(grain)).State.Count);
        Assert.Equal(3, (await ReadAsync(other)).State.Count);
        var named = new GrainState<CounterState>(new CounterState());
        await Storage.ReadStateAsync("other", grain, named);
        Assert.Equal(2, named.State.Count);
    }

    [Fact]
    public async Task Mutating_written_or_read_state_does_not_change_what_is_stored()
    {
        var grain = NewGrainId();
        var state = new GrainState<CounterState>(new CounterState { Count = 1, Items = ["kept"] });
        await Storage.WriteStateAsync("counter", grain, state);
        state.State.Items.Add("written-object-mutated");
        var read = await ReadAsync(grain);
        read.State.Items.Add("read-object-mutated");

        Assert.Equal(["kept"], (await ReadAsync(grain)).State.Items);
    }

    protected async Task<GrainState<CounterState>> ReadAsync(GrainId grain, string stateName = "counter")
    {
        var state = new GrainState<CounterState>(new CounterState());
        await Storage.ReadStateAsync(stateName, grain, state);
        return state;
    }
}

public sealed class CounterState
{
    public int Count { get; set; }

    public string Label { get; set; } = "";

    public List<string> Items { get; set; } = [];
}
