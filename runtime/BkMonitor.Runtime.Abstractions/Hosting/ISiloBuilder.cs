using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Runtime.Hosting;

/// <summary>What <c>UseBkMonitorSilo</c> hands to configuration code and provider extensions.</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }

    IConfiguration Configuration { get; }
}

/// <summary>A background service of the silo with an ordered start/stop (membership before reminders, etc.).</summary>
public interface ISiloLifecycleParticipant
{
    /// <summary>Lower stages start first and stop last.</summary>
    int Stage { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}

/// <summary>Well-known lifecycle stages.</summary>
public static class SiloStages
{
    public const int RuntimeServices = 1000;
    public const int Storage = 2000;
    public const int Membership = 3000;
    public const int Activations = 4000;
    public const int Reminders = 5000;
    public const int Streams = 6000;
    public const int Active = 10000;
}

/// <summary>Reports the health of one dependency for <c>/healthz</c>.</summary>
public interface IHealthReporter
{
    string Namespace { get; }

    Task<HealthReport> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>Health of one dependency, in seed 001's HealthzMetric spirit.</summary>
public sealed record HealthReport(string Namespace, string Status, string Message, IReadOnlyList<HealthMetric> Metrics)
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Failing = "failing";
}

public sealed record HealthMetric(string Name, double Value, string Unit = "");
