using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Hosting;

/// <summary>Source-generated log messages of the pipeline grains.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Strategy {StrategyId} item {ItemId}: access query failed; the checkpoint stays and the next run retries")]
    public static partial void AccessQueryFailed(ILogger logger, Exception exception, long strategyId, long itemId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy {StrategyId}: {Reason}")]
    public static partial void ItemNotEvaluated(ILogger logger, long strategyId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Strategy {StrategyId}: applying the schedule (reminder, routes, index) failed; it is retried on the next activation")]
    public static partial void ScheduleFailed(ILogger logger, Exception exception, long strategyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Result table {Table}: strategy {StrategyId} failed to process pushed data")]
    public static partial void PushDeliveryFailed(ILogger logger, Exception exception, string table, long strategyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Strategy {StrategyId}: {Stage} dropped a batch of version {Version} after an unexpected error")]
    public static partial void BatchFailed(ILogger logger, Exception exception, long strategyId, string stage, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy {StrategyId}: {Stage} dropped a batch: the strategy no longer exists")]
    public static partial void StrategyGone(ILogger logger, long strategyId, string stage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Built-in store compaction dropped {Points} points")]
    public static partial void Compacted(ILogger logger, int points);
}
