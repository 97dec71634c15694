using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Nodata;

internal static partial class NoDataLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Strategy {StrategyId} item {ItemId}: the nodata inbox was full ({Capacity} points); {Dropped} points were dropped and their sets may read as missing")]
    public static partial void InboxFull(ILogger logger, long strategyId, long itemId, long dropped, int capacity);
}
