using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using BkMonitor.Runtime.Streams;

namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>
/// An event's queue payload: its type name (<c>Full.Name, Assembly</c>), a zero byte, then the event as UTF-8 JSON
/// (<see cref="StreamEventTypes"/>: the same form as a delivery to another silo). The type travels with the event
/// because the silo that owns the queue learns the event type only from the entry.
/// </summary>
internal static class RedisEventCodec
{
    private static readonly ConcurrentDictionary<Type, byte[]> Prefixes = new();
    private static readonly ConcurrentDictionary<string, RedisEventType> Types = new(StringComparer.Ordinal);

    public static byte[] Encode<T>(T item)
    {
        var prefix = Prefixes.GetOrAdd(typeof(T), static t => Encoding.UTF8.GetBytes(StreamEventTypes.NameOf(t) + "\0"));
        var json = JsonSerializer.SerializeToUtf8Bytes(item, StreamEventTypes.Json);
        var payload = new byte[prefix.Length + json.Length];
        prefix.CopyTo(payload, 0);
        json.CopyTo(payload, prefix.Length);
        return payload;
    }

    public static T Decode<T>(byte[] payload)
    {
        var split = Array.IndexOf(payload, (byte)0);
        return JsonSerializer.Deserialize<T>(payload.AsSpan(split + 1), StreamEventTypes.Json)!;
    }

    /// <summary>The event type named by the payload, resolved once per name.</summary>
    public static RedisEventType TypeOf(byte[] payload)
    {
        var split = Array.IndexOf(payload, (byte)0);
        if (split <= 0)
        {
            throw new FormatException($"Stream event payload of {payload.Length} bytes names no event type.");
        }
        var name = Encoding.UTF8.GetString(payload, 0, split);
        return Types.GetOrAdd(name, static n => RedisEventType.For(StreamEventTypes.Resolve(n).EventType));
    }

    /// <summary>True when both payloads start with the same type name (consecutive events of a stream mostly do).</summary>
    public static bool SameType(byte[] a, byte[] b)
    {
        var split = Array.IndexOf(a, (byte)0);
        return split > 0 && b.Length > split && b[split] == 0 && a.AsSpan(0, split).SequenceEqual(b.AsSpan(0, split));
    }
}
