using System.Globalization;
using StackExchange.Redis;

namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>
/// Parses raw stream replies (StackExchange.Redis 1.2.6 predates the stream API): an entry is
/// <c>[id, [field, value, ...]]</c> with fields ns, key, seq, idx, payload (and batch on a batch's first entry).
/// </summary>
internal static class RedisStreamEntries
{
    /// <summary>XREADGROUP reply: <c>[[queue key, [entry...]]]</c>, or nil when nothing is new.</summary>
    public static void ParseRead(RedisResult reply, int queue, List<RedisQueueEvent> into)
    {
        if (reply.IsNull) return;
        foreach (var stream in (RedisResult[])reply)
        {
            ParseEntries(((RedisResult[])stream)[1], queue, into);
        }
    }

    public static void ParseEntries(RedisResult entries, int queue, List<RedisQueueEvent> into)
    {
        if (entries.IsNull) return;
        foreach (var entry in (RedisResult[])entries)
        {
            if (entry.IsNull) continue;
            var parts = (RedisResult[])entry;
            // An entry deleted (trimmed) while pending comes back without fields.
            if (parts[1].IsNull) continue;
            into.Add(Parse(queue, (string)parts[0]!, (RedisResult[])parts[1]));
        }
    }

    private static RedisQueueEvent Parse(int queue, string id, RedisResult[] fields)
    {
        string? ns = null, key = null;
        long seq = -1;
        var idx = 0;
        byte[]? payload = null;
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            switch ((string)fields[i]!)
            {
                case "ns": ns = (string)fields[i + 1]!; break;
                case "key": key = (string)fields[i + 1]!; break;
                case "seq": seq = long.Parse((string)fields[i + 1]!, CultureInfo.InvariantCulture); break;
                case "idx": idx = int.Parse((string)fields[i + 1]!, CultureInfo.InvariantCulture); break;
                case "payload": payload = (byte[])fields[i + 1]!; break;
            }
        }
        if (ns is null || key is null || seq < 0 || payload is null)
        {
            throw new FormatException($"Stream queue entry {id} lacks ns, key, seq or payload.");
        }
        return new RedisQueueEvent(queue, id, new StreamId(ns, key), new StreamSequenceToken(seq, idx), payload);
    }
}
