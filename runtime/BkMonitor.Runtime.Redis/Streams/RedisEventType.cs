using BkMonitor.Runtime.Streams;

namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>Typed delivery of a run of queue entries of one stream and one event type, without reflection per event.</summary>
internal abstract class RedisEventType
{
    public static RedisEventType For(Type eventType)
        => (RedisEventType)Activator.CreateInstance(typeof(RedisEventType<>).MakeGenericType(eventType))!;

    /// <summary>Decodes <paramref name="count"/> events from <paramref name="start"/> and hands them to the stream's subscribers with their own tokens.</summary>
    public abstract Task DeliverAsync(StreamDispatcher dispatcher, StreamId streamId, List<RedisQueueEvent> events, int start, int count);
}

internal sealed class RedisEventType<T> : RedisEventType
{
    public override Task DeliverAsync(StreamDispatcher dispatcher, StreamId streamId, List<RedisQueueEvent> events, int start, int count)
    {
        var items = new T[count];
        var tokens = new StreamSequenceToken[count];
        for (var i = 0; i < count; i++)
        {
            var e = events[start + i];
            items[i] = RedisEventCodec.Decode<T>(e.Payload);
            tokens[i] = e.Token;
        }
        return dispatcher.DeliverAsync(streamId, items, tokens[0].SequenceNumber, tokens);
    }
}
