using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>Grain storage against a real redis-server: ETag compare-and-set, key naming, TTLs.</summary>
public sealed class RedisGrainStorageTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly GrainId Strategy1001 = new("strategy", "1001");

    private RedisTestProviders Providers(Action<RedisStorageOptions>? configure = null)
        => RedisTestProviders.Storage("state", redis.ConnectionString, configure);

    private static GrainState<WindowState> State(int count, string? etag = null)
        => new(new WindowState { Count = count, Points = [$"p{count}"] }) { ETag = etag, RecordExists = etag is not null };

    [Fact]
    public async Task Reading_a_missing_state_keeps_the_state_and_reports_no_record()
    {
        using var providers = Providers();
        var state = State(7);
        await providers.GrainStorage("state").ReadStateAsync("window", Strategy1001, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(7, state.State.Count);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_its_etag_under_the_seed_key()
    {
        using var providers = Providers();
        var storage = providers.GrainStorage("state");
        var written = State(3);
        await storage.WriteStateAsync("window", Strategy1001, written);
        Assert.Matches("^[0-9a-f]{32}$", written.ETag);
        Assert.True(written.RecordExists);

        var read = State(0);
        await storage.ReadStateAsync("window", Strategy1001, read);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(3, read.State.Count);
        Assert.Equal(["p3"], read.State.Points);

        var key = storage.KeyOf("window", Strategy1001);
        Assert.Matches(@"^bk_monitor\.ee\.t[0-9a-f]{12}\.grain\.state\.strategy\.window\.1001$", key);
        using var raw = await RawRedis.ConnectAsync(redis.ConnectionString);
        Assert.Equal(written.ETag, (string?)await raw.Db.HashGetAsync(key, "etag"));
        Assert.Contains("\"Count\":3", (string?)await raw.Db.HashGetAsync(key, "data"));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_naming_both_etags()
    {
        using var providers = Providers();
        var storage = providers.GrainStorage("state");
        var first = State(1);
        await storage.WriteStateAsync("window", Strategy1001, first);
        var stale = State(2, first.ETag);
        await storage.WriteStateAsync("window", Strategy1001, first);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("window", Strategy1001, stale));
        Assert.Equal(first.ETag, error.StoredEtag);
        Assert.Equal(stale.ETag, error.CurrentEtag);
        Assert.Contains(first.ETag!, error.Message);
    }

    [Fact]
    public async Task A_null_etag_means_the_record_must_not_exist()
    {
        using var providers = Providers();
        var storage = providers.GrainStorage("state");
        await storage.WriteStateAsync("window", Strategy1001, State(1));
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("window", Strategy1001, State(2)));
        Assert.NotNull(error.StoredEtag);
        Assert.Null(error.CurrentEtag);
    }

    [Fact]
    public async Task A_stale_writer_is_refused_after_a_clear_and_re_create()
    {
        using var providers = Providers();
        var storage = providers.GrainStorage("state");
        var owner = State(1);
        await storage.WriteStateAsync("window", Strategy1001, owner);
        var stale = State(9, owner.ETag);

        await storage.ClearStateAsync("window", Strategy1001, owner);
        Assert.Null(owner.ETag);
        Assert.False(owner.RecordExists);
        await storage.WriteStateAsync("window", Strategy1001, owner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("window", Strategy1001, stale));
        var read = State(0);
        await storage.ReadStateAsync("window", Strategy1001, read);
        Assert.Equal(1, read.State.Count);
    }

    [Fact]
    public async Task A_clear_needs_the_current_etag_and_removes_the_record()
    {
        using var providers = Providers();
        var storage = providers.GrainStorage("state");
        var state = State(1);
        await storage.WriteStateAsync("window", Strategy1001, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("window", Strategy1001, State(0, "0123")));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("window", Strategy1001, State(0)));

        await storage.ClearStateAsync("window", Strategy1001, state);
        var read = State(0);
        await storage.ReadStateAsync("window", Strategy1001, read);
        Assert.False(read.RecordExists);
        // Clearing what does not exist with a null ETag is a no-op; with an old ETag it is a conflict.
        await storage.ClearStateAsync("window", Strategy1001, State(0));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("window", Strategy1001, State(0, "0123")));
    }

    [Fact]
    public async Task Of_a_hundred_concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        using var providers = Providers();
        var storage = providers.GrainStorage("state");
        var initial = State(0);
        await storage.WriteStateAsync("window", Strategy1001, initial);

        var writers = Enumerable.Range(1, 100).Select(i => State(i, initial.ETag)).ToList();
        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await storage.WriteStateAsync("window", Strategy1001, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(won => won));
        var winner = writers[Array.IndexOf(outcomes, true)];
        var read = State(0);
        await storage.ReadStateAsync("window", Strategy1001, read);
        Assert.Equal(winner.State.Count, read.State.Count);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [Fact]
    public async Task Only_disposable_states_expire_and_every_write_renews_the_ttl()
    {
        using var providers = Providers(s => s.StateTtl["window"] = TimeSpan.FromMinutes(10));
        var storage = providers.GrainStorage("state");
        var window = State(1);
        await storage.WriteStateAsync("window", Strategy1001, window);
        await storage.WriteStateAsync("config", Strategy1001, State(1));

        using var raw = await RawRedis.ConnectAsync(redis.ConnectionString);
        var db = raw.Db;
        var windowKey = storage.KeyOf("window", Strategy1001);
        await db.KeyExpireAsync(windowKey, TimeSpan.FromSeconds(5));
        await storage.WriteStateAsync("window", Strategy1001, window);
        var ttl = await db.KeyTimeToLiveAsync(windowKey);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Null(await db.KeyTimeToLiveAsync(storage.KeyOf("config", Strategy1001)));
    }

    [Fact]
    public async Task A_registered_state_serializer_is_used_instead_of_json()
    {
        using var providers = RedisTestProviders.Storage("state", redis.ConnectionString,
            services: s => s.AddSingleton<IGrainStateSerializer>(new CountOnlySerializer()));
        var storage = providers.GrainStorage("state");
        await storage.WriteStateAsync("window", Strategy1001, State(42));
        using var raw = await RawRedis.ConnectAsync(redis.ConnectionString);
        Assert.Equal("42", (string?)await raw.Db.HashGetAsync(storage.KeyOf("window", Strategy1001), "data"));
        var read = State(0);
        await storage.ReadStateAsync("window", Strategy1001, read);
        Assert.Equal(42, read.State.Count);
    }

    [Fact]
    public async Task A_write_whose_reply_times_out_is_settled_by_its_own_etag_not_repeated()
    {
        using var providers = Providers(s =>
        {
            s.OperationTimeout = TimeSpan.FromMilliseconds(100);
            s.FirstRetryDelay = TimeSpan.FromMilliseconds(10);
            s.MaxAttempts = 20;
        });
        using var retries = new RedisMeasurements("bkmonitor.redis.retries", "state");
        var storage = providers.GrainStorage("state");
        var state = State(1);
        await storage.WriteStateAsync("window", Strategy1001, state);

        // A busy script sent first on the provider's own socket holds the server, so the write's first
        // attempt times out at the client, is applied later, and its retry must find its own ETag.
        var db = await providers.Connections("redis-storage:state").GetDatabaseAsync("main");
        var blocker = RawRedis.HoldServerAsync(db, TimeSpan.FromMilliseconds(400));
        var next = State(2, state.ETag);
        await storage.WriteStateAsync("window", Strategy1001, next);
        await blocker;

        Assert.True(retries.Total >= 1);
        var read = State(0);
        await storage.ReadStateAsync("window", Strategy1001, read);
        Assert.Equal(next.ETag, read.ETag);
        Assert.Equal(2, read.State.Count);
    }

    private sealed class CountOnlySerializer : IGrainStateSerializer
    {
        public byte[] Serialize<TState>(TState state) => System.Text.Encoding.UTF8.GetBytes(((WindowState)(object)state!).Count.ToString());

        public TState Deserialize<TState>(ReadOnlySpan<byte> data)
            => (TState)(object)new WindowState { Count = int.Parse(System.Text.Encoding.UTF8.GetString(data)) };
    }
}
