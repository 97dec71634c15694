using BkMonitor.Runtime;
using BkMonitor.Runtime.Reminders;

namespace BkMonitor.UnitTests.Reminders;

/// <summary>The contract every <see cref="IReminderTable"/> passes; a provider's test class inherits it and creates the table.</summary>
public abstract class ReminderTableConformanceTests : IAsyncLifetime
{
    protected static readonly DateTime T0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    protected IReminderTable Table { get; private set; } = null!;

    /// <summary>A fresh, empty table for one test.</summary>
    protected abstract Task<IReminderTable> CreateTableAsync();

    public async Task InitializeAsync()
    {
        Table = await CreateTableAsync();
        await Table.InitAsync(CancellationToken.None);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static ReminderEntry Entry(GrainId grain, string name, DateTime? startAt = null, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = startAt ?? T0,
        Period = period ?? TimeSpan.FromSeconds(10),
    };

    [Fact]
    public async Task Upserted_row_reads_back_exactly_with_its_etag()
    {
        var grain = new GrainId("strategy", "42");
        var startAt = T0.AddTicks(1234567);
        var eTag = await Table.UpsertRowAsync(Entry(grain, "access", startAt, TimeSpan.FromMilliseconds(1500)));

        var row = await Table.ReadRowAsync(grain, "access");
        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal("access", row.ReminderName);
        Assert.Equal(startAt, row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), row.Period);
        Assert.Equal(eTag, row.ETag);
    }

    [Fact]
    public async Task Missing_row_reads_as_null()
        => Assert.Null(await Table.ReadRowAsync(new GrainId("strategy", "nothing"), "access"));

    [Fact]
    public async Task Upsert_replaces_the_row_and_changes_its_etag()
    {
        var grain = new GrainId("strategy", "1");
        var first = await Table.UpsertRowAsync(Entry(grain, "access"));
        var second = await Table.UpsertRowAsync(Entry(grain, "access", T0.AddMinutes(1), TimeSpan.FromMinutes(2)));

        Assert.NotEqual(first, second);
        var row = Assert.Single(await Table.ReadRowsAsync(grain));
        Assert.Equal(T0.AddMinutes(1), row.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(2), row.Period);
        Assert.Equal(second, row.ETag);
    }

    [Fact]
    public async Task Rows_of_a_grain_are_read_by_grain_id_only()
    {
        var grain = new GrainId("strategy", "7");
        await Table.UpsertRowAsync(Entry(grain, "access"));
        await Table.UpsertRowAsync(Entry(grain, "nodata"));
        await Table.UpsertRowAsync(Entry(new GrainId("strategy", "70"), "access"));
        await Table.UpsertRowAsync(Entry(new GrainId("alert", "7"), "access"));

        var rows = await Table.ReadRowsAsync(grain);
        Assert.Equal(["access", "nodata"], rows.Select(r => r.ReminderName).Order().ToArray());
    }

    [Fact]
    public async Task Remove_needs_the_current_etag()
    {
        var grain = new GrainId("strategy", "9");
        var old = await Table.UpsertRowAsync(Entry(grain, "access"));
        var current = await Table.UpsertRowAsync(Entry(grain, "access"));

        Assert.False(await Table.RemoveRowAsync(grain, "access", old));
        Assert.False(await Table.RemoveRowAsync(grain, "access", "not-a-version"));
        Assert.NotNull(await Table.ReadRowAsync(grain, "access"));
        Assert.True(await Table.RemoveRowAsync(grain, "access", current));
        Assert.Null(await Table.ReadRowAsync(grain, "access"));
        Assert.False(await Table.RemoveRowAsync(grain, "access", current));
    }

    [Fact]
    public async Task An_etag_is_never_reused_after_a_remove()
    {
        var grain = new GrainId("strategy", "10");
        var first = await Table.UpsertRowAsync(Entry(grain, "access"));
        Assert.True(await Table.RemoveRowAsync(grain, "access", first));
        var second = await Table.UpsertRowAsync(Entry(grain, "access"));

        Assert.NotEqual(first, second);
        Assert.False(await Table.RemoveRowAsync(grain, "access", first));
    }

    [Fact]
    public async Task Range_read_is_exclusive_at_begin_and_inclusive_at_end()
    {
        var (a, b, c) = await ThreeGrainsByHashAsync();

        var rows = await Table.ReadRowsAsync(a.GetUniformHashCode(), c.GetUniformHashCode());

        Assert.Equal(Sorted(b, c), Sorted([.. rows.Select(r => r.GrainId)]));
    }

    [Fact]
    public async Task Range_read_wraps_past_the_top_of_the_ring_when_begin_is_not_below_end()
    {
        var (a, b, c) = await ThreeGrainsByHashAsync();

        var rows = await Table.ReadRowsAsync(c.GetUniformHashCode(), a.GetUniformHashCode());

        var ids = rows.Select(r => r.GrainId).ToArray();
        Assert.Contains(a, ids);
        Assert.DoesNotContain(b, ids);
        Assert.DoesNotContain(c, ids);
    }

    [Fact]
    public async Task Range_with_equal_bounds_is_the_whole_ring()
    {
        var (a, b, c) = await ThreeGrainsByHashAsync();

        var rows = await Table.ReadRowsAsync(0, 0);

        Assert.Equal(Sorted(a, b, c), Sorted([.. rows.Select(r => r.GrainId)]));
    }

    [Fact]
    public async Task Delivery_log_keeps_the_last_tick_of_the_current_version_only()
    {
        if (Table is not IReminderDeliveryLog log)
        {
            return;
        }
        var grain = new GrainId("strategy", "11");
        var eTag = await Table.UpsertRowAsync(Entry(grain, "access"));
        await log.RecordDeliveryAsync(grain, "access", eTag, T0.AddSeconds(10));
        await log.RecordDeliveryAsync(grain, "access", "999999", T0.AddSeconds(20));
        var hash = grain.GetUniformHashCode();

        var row = Assert.Single(await log.ReadRowsWithDeliveriesAsync(hash - 1, hash));
        Assert.Equal(T0.AddSeconds(10), row.LastTickTime);
        Assert.Equal(eTag, row.Entry.ETag);

        await Table.UpsertRowAsync(Entry(grain, "access"));
        Assert.Null(Assert.Single(await log.ReadRowsWithDeliveriesAsync(hash - 1, hash)).LastTickTime);
    }

    [Fact]
    public async Task Upsert_rejects_a_row_without_name_or_with_a_non_positive_period()
    {
        var grain = new GrainId("strategy", "12");
        await Assert.ThrowsAsync<ArgumentException>(() => Table.UpsertRowAsync(Entry(grain, " ")));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Table.UpsertRowAsync(Entry(grain, "access", period: TimeSpan.Zero)));
    }

    private static string[] Sorted(params GrainId[] grains) => [.. grains.Select(g => g.ToString()).Order(StringComparer.Ordinal)];

    // Three grains whose hashes are far from each other and from the ends of the ring, sorted by hash.
    private async Task<(GrainId A, GrainId B, GrainId C)> ThreeGrainsByHashAsync()
    {
        var grains = Enumerable.Range(0, 64).Select(i => new GrainId("rangegrain", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(g => g.GetUniformHashCode()).ToArray();
        var a = grains.First(g => g.GetUniformHashCode() > uint.MaxValue / 8);
        var b = grains.First(g => g.GetUniformHashCode() > uint.MaxValue / 2);
        var c = grains.Last(g => g.GetUniformHashCode() < uint.MaxValue / 8 * 7);
        foreach (var g in new[] { a, b, c })
        {
            await Table.UpsertRowAsync(Entry(g, "access"));
        }
        return (a, b, c);
    }
}
