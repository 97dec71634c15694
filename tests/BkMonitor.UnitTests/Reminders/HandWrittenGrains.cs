using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.Reminders;

/// <summary>A grain class without IRemindable, registered by hand until generated registrations exist.</summary>
internal sealed class NotRemindableGrain : Grain
{
    public const string GrainType = "reminders-test-notremindable";

    public static void Register()
        => GrainTypeRegistry.RegisterClass(new GrainClassDescriptor(
            typeof(NotRemindableGrain), GrainType, [], (_, _) => new NotRemindableGrain(), false, 0, [], null));
}
