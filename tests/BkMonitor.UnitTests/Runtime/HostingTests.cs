using BkMonitor.Runtime;
using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BkMonitor.UnitTests.Runtime;

public sealed class HostingTests
{
    public HostingTests() => HandWrittenGrains.Register();

    [Fact]
    public async Task UseBkMonitorSilo_runs_a_silo_with_the_host_and_stops_it_gracefully()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        builder.UseBkMonitorSilo(silo => silo.Configure(o => o.Roles = ["alarm"]));
        using var host = builder.Build();
        var key = GrainProbe.NewKey("hosted");

        await host.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        Assert.Equal("pong", await factory.GetGrain<ILifecycleGrain>(key).Ping());
        Assert.Equal(SiloStatus.Active, host.Services.GetRequiredService<Silo>().Status);
        await host.StopAsync();

        Assert.Equal(["ctor", "activate", "ping", "deactivate:ShuttingDown"], GrainProbe.For(key).Events);
        Assert.Equal(SiloStatus.Dead, host.Services.GetRequiredService<Silo>().Status);
    }

    [Fact]
    public async Task UseBkMonitorSilo_on_IHostBuilder_registers_the_same_services()
    {
        using var host = new HostBuilder()
            .UseBkMonitorSilo(silo => silo.Configure(o => o.SiloName = "classic"))
            .Build();

        await host.StartAsync();
        Assert.Equal("classic", await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILifecycleGrain>(GrainProbe.NewKey("classic")).WhereAmI());
        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
        await host.StopAsync();
    }

    [Fact]
    public async Task Invalid_silo_options_fail_at_start_naming_each_field()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseBkMonitorSilo(silo => silo.Configure(o =>
        {
            o.ResponseTimeout = TimeSpan.Zero;
            o.ClusterId = " ";
            o.SiloPort = 70000;
            o.Roles = ["alarm", ""];
        }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SiloOptions.ResponseTimeout must be positive", error.Message);
        Assert.Contains("SiloOptions.ClusterId must not be empty", error.Message);
        Assert.Contains("SiloOptions.SiloPort must be between 1 and 65535 (was 70000)", error.Message);
        Assert.Contains("SiloOptions.Roles[1] must not be empty", error.Message);
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BkMonitor:Silo:ClusterId"] = "prod",
                ["BkMonitor:Silo:ResponseTimeout"] = "00:00:05",
                ["BkMonitor:Silo:Roles:0"] = "alarm",
            })
            .Build();
        var services = new ServiceCollection().AddBkMonitorSilo(configuration, _ => { });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SiloOptions>>().Value;

        Assert.Equal("prod", options.ClusterId);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ResponseTimeout);
        Assert.Equal(["alarm"], options.Roles);
    }

    [Fact]
    public void Registering_two_silos_in_one_container_is_refused()
    {
        var services = new ServiceCollection().AddBkMonitorSilo(new ConfigurationBuilder().Build(), _ => { });

        var error = Assert.Throws<InvalidOperationException>(() => services.AddBkMonitorSilo(new ConfigurationBuilder().Build(), _ => { }));
        Assert.Contains("already registered", error.Message);
    }

    [Fact]
    public async Task Lifecycle_participants_start_in_stage_order_and_stop_in_reverse()
    {
        var log = new List<string>();
        await using var cluster = await TestCluster.StartAsync(o => o.ConfigureSilo = silo =>
        {
            silo.Services.AddSingleton<ISiloLifecycleParticipant>(new RecordingParticipant(SiloStages.Streams, log));
            silo.Services.AddSingleton<ISiloLifecycleParticipant>(new RecordingParticipant(SiloStages.Storage, log));
            silo.Services.AddSingleton<ISiloLifecycleParticipant>(new RecordingParticipant(SiloStages.Reminders, log));
        });

        await cluster.StopSiloAsync(0);

        Assert.Equal(["start 2000", "start 5000", "start 6000", "stop 6000", "stop 5000", "stop 2000"], log);
    }

    [Fact]
    public async Task Participants_see_a_cancelled_token_when_their_silo_is_killed()
    {
        var log = new List<string>();
        await using var cluster = await TestCluster.StartAsync(o => o.ConfigureSilo = silo =>
            silo.Services.AddSingleton<ISiloLifecycleParticipant>(new RecordingParticipant(SiloStages.Reminders, log)));

        await cluster.KillSiloAsync(0);

        Assert.Equal(["start 5000", "stop 5000 cancelled"], log);
    }

    [Fact]
    public async Task Cluster_management_lists_silos_and_activation_counts()
    {
        await using var cluster = await TestCluster.StartAsync(o =>
        {
            o.InitialSilosCount = 2;
            o.ConfigureSiloOptions = (i, silo) => silo.Roles = [$"role{i}"];
        });
        for (var i = 0; i < 12; i++)
        {
            await cluster.GrainFactory.GetGrain<ILifecycleGrain>(GrainProbe.NewKey("mgmt")).Ping();
        }
        var management = cluster.Silos[0].Services.GetRequiredService<IClusterManagement>();

        var silos = await management.GetSilosAsync();
        var counts = await management.GetActivationCountsAsync();

        Assert.Equal(["silo0", "silo1"], silos.Select(s => s.Name));
        Assert.All(silos, s => Assert.Equal(SiloStatus.Active, s.Status));
        Assert.Equal(["role0"], silos[0].Roles);
        Assert.Equal(12, silos.Sum(s => s.ActivationCount));
        Assert.Equal(12, counts.Where(c => c.GrainType == "rt-lifecycle").Sum(c => c.Count));
        Assert.Equal(cluster.Silos.Select(s => s.ActivationCount), silos.Select(s => s.ActivationCount!.Value));
    }

    [Fact]
    public async Task Runtime_health_reports_status_activations_and_live_silos()
    {
        await using var cluster = await TestCluster.StartAsync(o => o.InitialSilosCount = 2);
        await cluster.GrainFactory.GetGrain<ILifecycleGrain>(GrainProbe.NewKey("health")).Ping();
        var reporter = cluster.Silos[0].Services.GetServices<IHealthReporter>().Single(r => r.Namespace == "runtime");

        var report = await reporter.CheckAsync(CancellationToken.None);

        Assert.Equal(HealthReport.Ok, report.Status);
        Assert.Equal(2, report.Metrics.Single(m => m.Name == "silos_active").Value);
        Assert.Equal(cluster.Silos[0].ActivationCount, report.Metrics.Single(m => m.Name == "activations").Value);
    }

    private sealed class RecordingParticipant(int stage, List<string> log) : ISiloLifecycleParticipant
    {
        public int Stage => stage;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            lock (log)
            {
                log.Add($"start {stage}");
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            lock (log)
            {
                log.Add(cancellationToken.IsCancellationRequested ? $"stop {stage} cancelled" : $"stop {stage}");
            }
            return Task.CompletedTask;
        }
    }
}
