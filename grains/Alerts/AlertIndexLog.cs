using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Alerts;

/// <summary>Log messages of the alert index writer.</summary>
internal static partial class AlertIndexLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Alert index: writing {Rows} alerts failed (attempt {Attempt} of {MaxAttempts})")]
    public static partial void WriteFailed(ILogger logger, Exception exception, int rows, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Alert index: {Rows} alerts dropped after {MaxAttempts} attempts; they are indexed again when their alert grain next activates")]
    public static partial void Dropped(ILogger logger, int rows, int maxAttempts);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Alert index: the writer is stopped; alert {AlertId} is not indexed")]
    public static partial void WriterStopped(ILogger logger, string alertId);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Alert index: {Pending} queued alerts were not written before the silo stopped")]
    public static partial void StopTimedOut(ILogger logger, int pending);
}
