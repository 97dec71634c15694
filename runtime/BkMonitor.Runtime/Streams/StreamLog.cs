using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Streams;

/// <summary>Source-generated log messages of the stream providers.</summary>
internal static partial class StreamLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {StreamId} ({Provider}): grain {GrainId} attached no observer for this stream; {Count} event(s) dropped")]
    public static partial void NoObserver(ILogger logger, string provider, StreamId streamId, GrainId grainId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {StreamId} ({Provider}): subscriber {Subscriber} observes {ObserverType}, not events of {EventType}; skipped")]
    public static partial void WrongObserverType(ILogger logger, string provider, StreamId streamId, string subscriber, string observerType, string eventType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream {StreamId} ({Provider}): delivery to {Subscriber} failed (attempt {Attempt}); retrying")]
    public static partial void Retrying(ILogger logger, Exception exception, string provider, StreamId streamId, string subscriber, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {StreamId} ({Provider}): delivery of {Count} event(s) from sequence {Sequence} to {Subscriber} failed {Attempts} times; skipped")]
    public static partial void GaveUp(ILogger logger, Exception exception, string provider, StreamId streamId, string subscriber, long sequence, int count, int attempts);
}
