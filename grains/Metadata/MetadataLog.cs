using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Metadata;

/// <summary>Log messages of metadata publication and alarm cluster routing.</summary>
internal static partial class MetadataLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Metadata change not delivered to listener {ListenerKey}: {Reason}")]
    public static partial void ListenerUnreachable(ILogger logger, string listenerKey, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Alarm cluster routing version {Version} applied: {RuleCount} rules, {StrategyCount} strategies")]
    public static partial void RoutingApplied(ILogger logger, long version, int ruleCount, int strategyCount);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Alarm cluster routing not loaded at silo start; grains stay on any silo until the next change")]
    public static partial void RoutingLoadFailed(ILogger logger, Exception exception);
}
