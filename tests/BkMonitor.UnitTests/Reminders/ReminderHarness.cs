using BkMonitor.Runtime;
using BkMonitor.Runtime.Reminders;
using Microsoft.Extensions.Logging.Abstractions;

namespace BkMonitor.UnitTests.Reminders;

/// <summary>One silo's reminder service over a test clock, ring and call runtime.</summary>
internal sealed class ReminderHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ReminderHarness(IReminderTable table, ManualTimeProvider? clock = null, TestSiloRing? ring = null, TimeSpan? refreshPeriod = null)
    {
        Table = table;
        Clock = clock ?? new ManualTimeProvider(T0);
        Ring = ring ?? new TestSiloRing(RingRange.Full);
        Service = new LocalReminderService(
            table,
            Ring,
            () => Runtime,
            Clock,
            new ReminderOptions { RefreshPeriod = refreshPeriod ?? TimeSpan.Zero },
            NullLogger<LocalReminderService>.Instance);
    }

    public IReminderTable Table { get; }

    public ManualTimeProvider Clock { get; }

    public TestSiloRing Ring { get; }

    public TestRemindableRuntime Runtime { get; } = new();

    public LocalReminderService Service { get; }

    public Task StartAsync() => Service.StartAsync(CancellationToken.None);

    /// <summary>Waits until the service is parked on a timer for <paramref name="at"/>, then moves the clock there.</summary>
    public async Task AdvanceToAsync(DateTimeOffset at)
    {
        await Clock.WaitForTimerAtAsync(at);
        Clock.Advance(at - Clock.GetUtcNow());
    }

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync(CancellationToken.None);
        Service.Dispose();
    }
}
