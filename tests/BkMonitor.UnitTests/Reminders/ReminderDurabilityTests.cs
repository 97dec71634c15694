using BkMonitor.Runtime;
using BkMonitor.Runtime.Reminders;
using BkMonitor.Runtime.Sqlite.Reminders;
using BkMonitor.UnitTests.Storage;
using Microsoft.Data.Sqlite;

namespace BkMonitor.UnitTests.Reminders;

/// <summary>A full restart: the first table and service are dropped, new ones open the same SQLite file.</summary>
public sealed class ReminderDurabilityTests : IDisposable
{
    private static readonly DateTimeOffset T0 = ReminderHarness.T0;
    private static readonly GrainId Strategy = new("strategy", "durable");
    private readonly TempDatabaseFolder _folder = new("restart");

    private string DatabasePath => _folder.File("silo.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Ticks_missed_while_the_process_was_down_fire_once_on_start_then_the_grid_continues()
    {
        var clock = new ManualTimeProvider(T0);
        await RunFirstProcessUntilAsync(clock, stopAt: T0.AddSeconds(12));
        clock.Advance(T0.AddSeconds(35) - clock.GetUtcNow());

        await using var restarted = new ReminderHarness(new SqliteReminderTable(DatabasePath), clock);
        await restarted.StartAsync();
        var catchUp = await restarted.Runtime.NextTickAsync();
        await clock.WaitForTimerAtAsync(T0.AddSeconds(40));
        Assert.Equal(1, restarted.Runtime.Count);
        await restarted.AdvanceToAsync(T0.AddSeconds(40));
        var onGrid = await restarted.Runtime.NextTickAsync();

        Assert.Equal(T0.AddSeconds(30).UtcDateTime, catchUp.Status.CurrentTickTime);
        Assert.Equal(T0.AddSeconds(10).UtcDateTime, catchUp.Status.FirstTickTime);
        Assert.Equal(T0.AddSeconds(40).UtcDateTime, onGrid.Status.CurrentTickTime);
    }

    [Fact]
    public async Task A_restart_between_two_ticks_waits_for_the_next_grid_tick()
    {
        var clock = new ManualTimeProvider(T0);
        await RunFirstProcessUntilAsync(clock, stopAt: T0.AddSeconds(12));
        clock.Advance(TimeSpan.FromSeconds(3));

        await using var restarted = new ReminderHarness(new SqliteReminderTable(DatabasePath), clock);
        await restarted.StartAsync();
        await restarted.AdvanceToAsync(T0.AddSeconds(20));
        var tick = await restarted.Runtime.NextTickAsync();

        Assert.Equal(T0.AddSeconds(20).UtcDateTime, tick.Status.CurrentTickTime);
        Assert.Equal(1, restarted.Runtime.Count);
    }

    [Fact]
    public async Task A_reminder_registered_before_the_restart_whose_first_tick_passed_fires_once()
    {
        var clock = new ManualTimeProvider(T0);
        await using (var first = new ReminderHarness(new SqliteReminderTable(DatabasePath), clock))
        {
            await first.StartAsync();
            await first.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        }
        SqliteConnection.ClearAllPools();
        clock.Advance(TimeSpan.FromSeconds(45));

        await using var restarted = new ReminderHarness(new SqliteReminderTable(DatabasePath), clock);
        await restarted.StartAsync();
        var catchUp = await restarted.Runtime.NextTickAsync();
        await clock.WaitForTimerAtAsync(T0.AddSeconds(50));

        Assert.Equal(T0.AddSeconds(40).UtcDateTime, catchUp.Status.CurrentTickTime);
        Assert.Equal(1, restarted.Runtime.Count);
    }

    [Fact]
    public async Task Without_a_delivery_log_the_latest_due_tick_fires_once_on_start()
    {
        var table = new InMemoryReminderTable();
        await table.UpsertRowAsync(new ReminderEntry { GrainId = Strategy, ReminderName = "access", StartAt = T0.AddSeconds(-95).UtcDateTime, Period = TimeSpan.FromSeconds(30) });
        await using var silo = new ReminderHarness(new TableWithoutDeliveryLog(table));

        await silo.StartAsync();
        var tick = await silo.Runtime.NextTickAsync();
        await silo.Clock.WaitForTimerAtAsync(T0.AddSeconds(25));

        Assert.Equal(T0.AddSeconds(-5).UtcDateTime, tick.Status.CurrentTickTime);
        Assert.Equal(1, silo.Runtime.Count);
    }

    // Registers "access" (due 10 s, period 10 s), delivers the tick at T0+10 and stops the service at stopAt.
    private async Task RunFirstProcessUntilAsync(ManualTimeProvider clock, DateTimeOffset stopAt)
    {
        await using (var first = new ReminderHarness(new SqliteReminderTable(DatabasePath), clock))
        {
            await first.StartAsync();
            await first.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
            await first.AdvanceToAsync(T0.AddSeconds(10));
            Assert.Equal(T0.AddSeconds(10).UtcDateTime, (await first.Runtime.NextTickAsync()).Status.CurrentTickTime);
            await clock.WaitForTimerAtAsync(T0.AddSeconds(20));
            clock.Advance(stopAt - clock.GetUtcNow());
        }
        SqliteConnection.ClearAllPools();
    }

    private sealed class TableWithoutDeliveryLog(IReminderTable inner) : IReminderTable
    {
        public Task InitAsync(CancellationToken cancellationToken) => inner.InitAsync(cancellationToken);

        public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId) => inner.ReadRowsAsync(grainId);

        public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint begin, uint end) => inner.ReadRowsAsync(begin, end);

        public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName) => inner.ReadRowAsync(grainId, reminderName);

        public Task<string> UpsertRowAsync(ReminderEntry entry) => inner.UpsertRowAsync(entry);

        public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag) => inner.RemoveRowAsync(grainId, reminderName, eTag);
    }
}
