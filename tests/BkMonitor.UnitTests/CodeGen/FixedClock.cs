namespace BkMonitor.UnitTests.CodeGen;

internal sealed class FixedClock(long now) : ICodeGenClock
{
    public long Now { get; } = now;
}
