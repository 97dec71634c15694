namespace BkMonitor.Runtime;

/// <summary>A grain that receives durable reminder ticks.</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>Timing of one reminder tick (UTC).</summary>
public readonly record struct TickStatus(DateTime FirstTickTime, TimeSpan Period, DateTime CurrentTickTime);

/// <summary>A handle to a registered reminder.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }
}

/// <summary>Registers reminders for grains; backed by the silo's reminder service and table.</summary>
public interface IReminderRegistry
{
    /// <summary>Period must be positive (1 s minimum); throws <see cref="ArgumentOutOfRangeException"/> otherwise.</summary>
    Task<IGrainReminder> RegisterOrUpdateReminderAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period);

    Task UnregisterReminderAsync(GrainId grainId, IGrainReminder reminder);

    Task<IGrainReminder?> GetReminderAsync(GrainId grainId, string reminderName);

    Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync(GrainId grainId);
}
