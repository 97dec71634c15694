using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Reminders;

/// <summary>Source-generated log messages of the reminder service.</summary>
internal static partial class ReminderLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder '{ReminderName}' of grain {GrainId}: tick {TickTime:O} failed")]
    public static partial void TickFailed(ILogger logger, Exception exception, GrainId grainId, string reminderName, DateTime tickTime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder '{ReminderName}' of grain {GrainId}: recording the delivered tick failed")]
    public static partial void RecordFailed(ILogger logger, Exception exception, GrainId grainId, string reminderName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading the reminders of this silo's ring ranges failed")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder service now runs {Count} reminders ({Started} started, {Stopped} stopped)")]
    public static partial void Reloaded(ILogger logger, int count, int started, int stopped);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder '{ReminderName}' of grain {GrainId} is registered; silo {Owner} owns it")]
    public static partial void RegisteredRemote(ILogger logger, GrainId grainId, string reminderName, SiloAddress owner);
}
