using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Alerts;

/// <summary>Log messages of the alert and action grains.</summary>
internal static partial class AlertLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Alert {DedupeMd5}: event {EventId} rejected by cleaning")]
    public static partial void EventRejected(ILogger logger, Exception exception, string dedupeMd5, string eventId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Alert {DedupeMd5}: event {EventId} cleans to dedupe md5 {Cleaned}, not this key; dropped")]
    public static partial void WrongKey(ILogger logger, string dedupeMd5, string cleaned, string eventId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Alert {AlertId}: {Signal} action {ConfigId} ended {Status}: {Reason}")]
    public static partial void ActionEnded(ILogger logger, string alertId, string signal, int configId, string status, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Alert {AlertId}: {Signal} action config {ConfigId} does not exist; skipped")]
    public static partial void ConfigMissing(ILogger logger, string alertId, string signal, long configId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Alert {DedupeMd5}: manager check failed")]
    public static partial void CheckFailed(ILogger logger, Exception exception, string dedupeMd5);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Alert manager {Manager}: round of watch list shard {Shard} failed; it stays in the rounds")]
    public static partial void ManagerCheckFailed(ILogger logger, Exception exception, string manager, int shard);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Alert watch list {WatchList}: check of alert grain {AlertKey} failed; it stays watched")]
    public static partial void WatchCheckFailed(ILogger logger, Exception exception, string watchList, string alertKey);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Debug, Message = "Alert manager {Manager}: round over {Shards} watch list shards, {Forgotten} left empty")]
    public static partial void ManagerRound(ILogger logger, string manager, int shards, int forgotten);
}
