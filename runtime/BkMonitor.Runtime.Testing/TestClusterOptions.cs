using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Testing;

/// <summary>How a <see cref="TestCluster"/> builds its silos.</summary>
public sealed class TestClusterOptions
{
    public int InitialSilosCount { get; set; } = 1;

    /// <summary>The clock of every silo; a new <see cref="FakeTimeProvider"/> when null, so timers, idle collection and call timeouts move only when the test advances it.</summary>
    public TimeProvider? TimeProvider { get; set; }

    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromHours(2);

    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Silo i listens (nominally) on BasePort + i.</summary>
    public int BasePort { get; set; } = 11111;

    /// <summary>Providers and services of every silo (storage, reminders, streams, filters).</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; set; }

    /// <summary>Per-silo options by silo index, e.g. roles.</summary>
    public Action<int, SiloOptions>? ConfigureSiloOptions { get; set; }

    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
