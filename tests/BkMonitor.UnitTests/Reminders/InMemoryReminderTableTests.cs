using BkMonitor.Runtime;
using BkMonitor.Runtime.Reminders;

namespace BkMonitor.UnitTests.Reminders;

public sealed class InMemoryReminderTableTests : ReminderTableConformanceTests
{
    protected override Task<IReminderTable> CreateTableAsync() => Task.FromResult<IReminderTable>(new InMemoryReminderTable());
}
