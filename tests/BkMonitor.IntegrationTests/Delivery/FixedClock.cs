namespace BkMonitor.IntegrationTests.Delivery;

/// <summary>A wall clock stopped at one instant (for exact Date headers) whose timers and stopwatch stay real.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
