using System.Diagnostics.Metrics;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Reminders;

namespace BkMonitor.UnitTests.Reminders;

public sealed class LocalReminderServiceTests
{
    private static readonly DateTimeOffset T0 = ReminderHarness.T0;
    private static readonly GrainId Strategy = new("strategy", "1");

    [Fact]
    public async Task Ticks_fire_on_the_grid_starting_at_the_due_time()
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        await silo.StartAsync();
        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

        await silo.AdvanceToAsync(T0.AddSeconds(5));
        var first = await silo.Runtime.NextTickAsync();
        await silo.AdvanceToAsync(T0.AddSeconds(15));
        var second = await silo.Runtime.NextTickAsync();

        Assert.Equal(Strategy, first.GrainId);
        Assert.Equal("access", first.ReminderName);
        Assert.Equal(new TickStatus(T0.AddSeconds(5).UtcDateTime, TimeSpan.FromSeconds(10), T0.AddSeconds(5).UtcDateTime), first.Status);
        Assert.Equal(T0.AddSeconds(15).UtcDateTime, second.Status.CurrentTickTime);
    }

    [Fact]
    public async Task Zero_due_time_fires_at_once_and_one_second_periods_are_allowed()
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        await silo.StartAsync();
        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "fast", TimeSpan.Zero, TimeSpan.FromSeconds(1));

        Assert.Equal(T0.UtcDateTime, (await silo.Runtime.NextTickAsync()).Status.CurrentTickTime);
        await silo.AdvanceToAsync(T0.AddSeconds(1));
        Assert.Equal(T0.AddSeconds(1).UtcDateTime, (await silo.Runtime.NextTickAsync()).Status.CurrentTickTime);
    }

    [Fact]
    public async Task A_clock_jump_between_reading_the_time_and_arming_the_timer_does_not_delay_the_tick()
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        var jumped = 0;
        silo.Clock.BeforeTimerArmed = due =>
        {
            // The reminder loop read T0 and is arming a 5 s wait: the clock reaches the tick before the timer exists.
            if (due == TimeSpan.FromSeconds(5) && Interlocked.Exchange(ref jumped, 1) == 0)
            {
                silo.Clock.Advance(due);
            }
        };
        await silo.StartAsync();
        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

        var tick = await silo.Runtime.NextTickAsync();

        Assert.Equal(1, jumped);
        Assert.Equal(T0.AddSeconds(5).UtcDateTime, tick.Status.CurrentTickTime);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    [InlineData(-1)]
    public async Task Non_positive_period_is_rejected_with_a_clear_message(int periodMs)
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.Zero, TimeSpan.FromMilliseconds(periodMs)));
        Assert.Equal("period", ex.ParamName);
        Assert.Contains("period must be positive", ex.Message);
        Assert.Contains("'access'", ex.Message);
        Assert.Empty(await silo.Table.ReadRowsAsync(Strategy));
    }

    [Fact]
    public async Task Sub_second_period_is_rejected_and_sub_minute_is_accepted()
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.Zero, TimeSpan.FromMilliseconds(999)));
        Assert.Contains("at least 1 s", ex.Message);

        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(10), (await silo.Table.ReadRowAsync(Strategy, "access"))!.Period);
    }

    [Fact]
    public async Task Negative_due_time_and_empty_name_are_rejected()
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        var due = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(10)));
        Assert.Equal("dueTime", due.ParamName);
        var name = await Assert.ThrowsAsync<ArgumentException>(
            () => silo.Service.RegisterOrUpdateReminderAsync(Strategy, "", TimeSpan.Zero, TimeSpan.FromSeconds(10)));
        Assert.Equal("reminderName", name.ParamName);
    }

    [Fact]
    public async Task A_grain_class_that_is_not_remindable_cannot_register()
    {
        NotRemindableGrain.Register();
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Service.RegisterOrUpdateReminderAsync(
            new GrainId(NotRemindableGrain.GrainType, "1"), "access", TimeSpan.Zero, TimeSpan.FromSeconds(10)));
        Assert.Contains("IRemindable", ex.Message);
    }

    [Fact]
    public async Task Unregister_stops_ticks_and_removes_the_row()
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        await silo.StartAsync();
        var reminder = await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        await silo.AdvanceToAsync(T0.AddSeconds(10));
        await silo.Runtime.NextTickAsync();

        await silo.Service.UnregisterReminderAsync(Strategy, reminder);
        await silo.Clock.WaitForNoTimersAsync();
        silo.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, silo.Runtime.Count);
        Assert.Null(await silo.Service.GetReminderAsync(Strategy, "access"));
        Assert.Equal(0, silo.Service.RunningCount);
    }

    [Fact]
    public async Task Unregister_with_an_outdated_handle_still_removes_the_reminder()
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        await silo.StartAsync();
        var old = await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10));

        await silo.Service.UnregisterReminderAsync(Strategy, old);

        Assert.Empty(await silo.Service.GetRemindersAsync(Strategy));
        await silo.Clock.WaitForNoTimersAsync();
    }

    [Fact]
    public async Task Registering_again_replaces_the_schedule()
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        await silo.StartAsync();
        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        await silo.Clock.WaitForTimerAtAsync(T0.AddSeconds(10));

        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7));
        await silo.AdvanceToAsync(T0.AddSeconds(3));
        var tick = await silo.Runtime.NextTickAsync();
        await silo.Clock.WaitForTimerAtAsync(T0.AddSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(7), tick.Status.Period);
        Assert.Equal(1, silo.Clock.PendingTimers);
        Assert.Equal(1, silo.Service.RunningCount);
    }

    [Fact]
    public async Task Get_reminders_returns_handles_by_name()
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.Zero, TimeSpan.FromSeconds(10));
        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "nodata", TimeSpan.Zero, TimeSpan.FromSeconds(60));

        Assert.Equal("nodata", (await silo.Service.GetReminderAsync(Strategy, "nodata"))!.ReminderName);
        Assert.Null(await silo.Service.GetReminderAsync(Strategy, "missing"));
        Assert.Equal(["access", "nodata"], (await silo.Service.GetRemindersAsync(Strategy)).Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task Ring_change_starts_newly_owned_reminders_and_stops_lost_ones()
    {
        var mine = new GrainId("strategy", "mine");
        var theirs = new GrainId("strategy", "theirs");
        await using var silo = new ReminderHarness(new InMemoryReminderTable(), ring: new TestSiloRing(TestSiloRing.Only(mine)));
        await silo.StartAsync();
        await silo.Service.RegisterOrUpdateReminderAsync(mine, "access", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        await silo.Service.RegisterOrUpdateReminderAsync(theirs, "access", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10));
        await silo.Clock.WaitForTimerAtAsync(T0.AddSeconds(10));
        Assert.Equal(1, silo.Service.RunningCount);
        Assert.NotNull(await silo.Table.ReadRowAsync(theirs, "access"));

        silo.Ring.SetRanges(TestSiloRing.Only(theirs));
        await silo.Clock.WaitForTimerAtAsync(T0.AddSeconds(20));
        await silo.AdvanceToAsync(T0.AddSeconds(20));
        var tick = await silo.Runtime.NextTickAsync();

        Assert.Equal(theirs, tick.GrainId);
        Assert.Equal(1, silo.Runtime.Count);
        Assert.Equal(1, silo.Service.RunningCount);
    }

    [Fact]
    public async Task A_registration_on_another_silo_is_picked_up_by_the_owner_on_refresh()
    {
        var table = new InMemoryReminderTable();
        var clock = new ManualTimeProvider(T0);
        await using var owner = new ReminderHarness(table, clock, new TestSiloRing(TestSiloRing.Only(Strategy)), TimeSpan.FromMinutes(1));
        await using var other = new ReminderHarness(table, clock, new TestSiloRing(new RingRange(0, 1)));
        await owner.StartAsync();
        await other.StartAsync();

        await other.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(30));
        Assert.Equal(0, other.Service.RunningCount);
        Assert.Equal(0, owner.Service.RunningCount);

        await owner.AdvanceToAsync(T0.AddMinutes(1));
        await clock.WaitForTimerAtAsync(T0.AddSeconds(90));
        await owner.AdvanceToAsync(T0.AddSeconds(90));

        Assert.Equal(T0.AddSeconds(90).UtcDateTime, (await owner.Runtime.NextTickAsync()).Status.CurrentTickTime);
        Assert.Equal(0, other.Runtime.Count);
    }

    [Fact]
    public async Task Reload_of_one_grain_makes_the_owner_run_it_at_once()
    {
        var table = new InMemoryReminderTable();
        await using var owner = new ReminderHarness(table, ring: new TestSiloRing(TestSiloRing.Only(Strategy)));
        await owner.StartAsync();
        await table.UpsertRowAsync(new ReminderEntry { GrainId = Strategy, ReminderName = "access", StartAt = T0.AddSeconds(5).UtcDateTime, Period = TimeSpan.FromSeconds(5) });

        await owner.Service.ReloadGrainAsync(Strategy);
        await owner.AdvanceToAsync(T0.AddSeconds(5));

        Assert.Equal("access", (await owner.Runtime.NextTickAsync()).ReminderName);
    }

    [Fact]
    public async Task A_slow_grain_never_gets_overlapping_ticks_and_overrun_ticks_collapse_into_one()
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        await silo.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        silo.Runtime.OnTick = t => t.Status.CurrentTickTime == T0.AddSeconds(10).UtcDateTime ? release.Task : Task.CompletedTask;
        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        await silo.AdvanceToAsync(T0.AddSeconds(10));
        await silo.Runtime.NextTickAsync();

        silo.Clock.Advance(TimeSpan.FromSeconds(35));
        Assert.Equal(1, silo.Runtime.Count);
        release.SetResult();
        var catchUp = await silo.Runtime.NextTickAsync();
        await silo.AdvanceToAsync(T0.AddSeconds(50));
        var onGrid = await silo.Runtime.NextTickAsync();

        Assert.Equal(T0.AddSeconds(40).UtcDateTime, catchUp.Status.CurrentTickTime);
        Assert.Equal(T0.AddSeconds(50).UtcDateTime, onGrid.Status.CurrentTickTime);
        Assert.Equal(3, silo.Runtime.Count);
        Assert.Equal(1, silo.Runtime.MaxConcurrentTicks);
    }

    [Fact]
    public async Task A_failing_grain_keeps_its_schedule_and_failures_and_deliveries_are_counted()
    {
        await using var silo = new ReminderHarness(new InMemoryReminderTable());
        var measurements = new List<(string Name, double Value)>();
        using var listener = Listen(silo.Service.Instruments.Meter, measurements);
        await silo.StartAsync();
        silo.Runtime.OnTick = t => t.Status.CurrentTickTime == T0.AddSeconds(10).UtcDateTime
            ? throw new InvalidOperationException("grain failed")
            : Task.CompletedTask;
        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "access", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        await silo.AdvanceToAsync(T0.AddSeconds(10));
        await silo.Runtime.NextTickAsync();
        await silo.AdvanceToAsync(T0.AddSeconds(20));
        await silo.Runtime.NextTickAsync();
        await silo.Clock.WaitForTimerAtAsync(T0.AddSeconds(30));

        lock (measurements)
        {
            Assert.Single(measurements, m => m.Name == ReminderInstruments.TicksFailed);
            Assert.Single(measurements, m => m.Name == ReminderInstruments.TicksDelivered);
            Assert.Equal(0, Assert.Single(measurements, m => m.Name == ReminderInstruments.Tardiness).Value);
        }
    }

    [Fact]
    public async Task Tardiness_measures_how_late_a_catch_up_tick_is()
    {
        var table = new InMemoryReminderTable();
        await table.UpsertRowAsync(new ReminderEntry { GrainId = Strategy, ReminderName = "access", StartAt = T0.AddSeconds(-25).UtcDateTime, Period = TimeSpan.FromSeconds(10) });
        await using var silo = new ReminderHarness(table);
        var measurements = new List<(string Name, double Value)>();
        using var listener = Listen(silo.Service.Instruments.Meter, measurements);

        await silo.StartAsync();
        var tick = await silo.Runtime.NextTickAsync();
        await silo.Clock.WaitForTimerAtAsync(T0.AddSeconds(5));

        Assert.Equal(T0.AddSeconds(-5).UtcDateTime, tick.Status.CurrentTickTime);
        lock (measurements)
        {
            Assert.Equal(5000, Assert.Single(measurements, m => m.Name == ReminderInstruments.Tardiness).Value);
        }
    }

    [Fact]
    public async Task Stop_ends_every_reminder_loop()
    {
        var silo = new ReminderHarness(new InMemoryReminderTable());
        await silo.StartAsync();
        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "a", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        await silo.Service.RegisterOrUpdateReminderAsync(Strategy, "b", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        await silo.DisposeAsync();

        Assert.Equal(0, silo.Clock.PendingTimers);
        Assert.Equal(0, silo.Service.RunningCount);
        Assert.Equal(2, (await silo.Table.ReadRowsAsync(Strategy)).Count);
    }

    private static MeterListener Listen(Meter meter, List<(string Name, double Value)> measurements)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => { lock (measurements) { measurements.Add((i.Name, v)); } });
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => { lock (measurements) { measurements.Add((i.Name, v)); } });
        listener.Start();
        return listener;
    }
}
