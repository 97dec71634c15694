namespace BkMonitor.Runtime.Reminders;

/// <summary>Options of the local reminder service.</summary>
public sealed class ReminderOptions
{
    /// <summary>The shortest period a reminder may have.</summary>
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often each silo re-reads the rows of its ranges besides membership changes, which picks up rows
    /// written or removed by other silos. Zero or negative disables the periodic refresh.
    /// </summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Identifies this cluster's rows in a shared reminder table.</summary>
    public string ServiceId { get; set; } = "default";
}
