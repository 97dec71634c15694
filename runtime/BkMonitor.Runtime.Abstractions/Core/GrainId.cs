using System.Text;

namespace BkMonitor.Runtime;

/// <summary>Identity of a grain: its grain type name and its key (integer keys in invariant decimal form).</summary>
public readonly record struct GrainId
{
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        Key = key;
    }

    public string Type { get; }

    public string Key { get; }

    /// <summary>A hash that is the same on every silo and every process run (placement and reminder ranges rely on it).</summary>
    public uint GetUniformHashCode() => UniformHash.Of(Type, Key);

    /// <summary>Parses the <c>type/key</c> form produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/');
        if (slash <= 0)
        {
            throw new FormatException($"'{value}' is not a grain id of the form type/key.");
        }
        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    public override string ToString() => $"{Type}/{Key}";
}

/// <summary>Stable 32-bit FNV-1a hashing over UTF-8; never use <see cref="string.GetHashCode()"/> for placement.</summary>
public static class UniformHash
{
    private const uint Offset = 2166136261;
    private const uint Prime = 16777619;

    public static uint Of(string value) => Mix(Append(Offset, value));

    public static uint Of(string type, string key) => Mix(Append(Append(Append(Offset, type), "/"), key));

    private static uint Append(uint hash, string value)
    {
        Span<byte> buffer = stackalloc byte[256];
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var bytes = max <= buffer.Length ? buffer : new byte[max];
        var count = Encoding.UTF8.GetBytes(value, bytes);
        foreach (var b in bytes[..count])
        {
            hash = (hash ^ b) * Prime;
        }
        return hash;
    }

    // FNV alone clusters on short similar keys; a final avalanche spreads them over the ring.
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
