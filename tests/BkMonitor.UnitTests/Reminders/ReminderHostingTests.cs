using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Reminders;
using BkMonitor.Runtime.Sqlite.Reminders;
using BkMonitor.UnitTests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Reminders;

public sealed class ReminderHostingTests
{
    [Fact]
    public async Task In_memory_reminder_service_is_the_registry_a_lifecycle_participant_and_a_health_reporter()
    {
        using var services = Build(silo => silo.UseInMemoryReminderService());

        var registry = services.GetRequiredService<IReminderRegistry>();
        var participant = Assert.Single(services.GetServices<ISiloLifecycleParticipant>());
        var health = Assert.Single(services.GetServices<IHealthReporter>());
        Assert.Same(registry, participant);
        Assert.Same(registry, health);
        Assert.Equal(SiloStages.Reminders, participant.Stage);
        Assert.IsType<InMemoryReminderTable>(services.GetRequiredService<IReminderTable>());
        Assert.Equal(HealthReport.Degraded, (await health.CheckAsync(CancellationToken.None)).Status);
    }

    [Fact]
    public void A_later_reminder_configuration_replaces_the_earlier_one_without_a_second_service()
    {
        var path = Path.Combine(Path.GetTempPath(), "bkm-unused-" + Guid.NewGuid().ToString("N") + ".db");
        using var services = Build(silo => silo.UseInMemoryReminderService().UseSqliteReminderService(path));

        Assert.IsType<SqliteReminderTable>(services.GetRequiredService<IReminderTable>());
        Assert.Single(services.GetServices<ISiloLifecycleParticipant>());
        Assert.Single(services.GetServices<IReminderRegistry>());
    }

    [Fact]
    public void Silos_given_one_shared_table_see_the_same_rows()
    {
        var shared = new InMemoryReminderTable();
        using var a = Build(silo => silo.UseInMemoryReminderService(shared));
        using var b = Build(silo => silo.UseInMemoryReminderService(shared));
        Assert.Same(a.GetRequiredService<IReminderTable>(), b.GetRequiredService<IReminderTable>());
    }

    private static ServiceProvider Build(Action<ISiloBuilder> configure)
    {
        var silo = new TestSiloBuilder();
        silo.Services.AddSingleton<ISiloRing>(new TestSiloRing(RingRange.Full));
        silo.Services.AddSingleton<IGrainCallRuntime>(new TestRemindableRuntime());
        configure(silo);
        return silo.Build();
    }
}
