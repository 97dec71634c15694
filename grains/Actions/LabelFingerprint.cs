using System.Globalization;
using System.Text;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Prometheus' label-set fingerprint: FNV-1a 64 over the labels sorted by name, each name and value
/// followed by the 0xff separator byte; printed as 16 lower-case hex digits as Alertmanager does.
/// </summary>
internal static class LabelFingerprint
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private const byte Separator = 0xff;

    public static string Of(IReadOnlyDictionary<string, string> labels)
    {
        var names = labels.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        var hash = Offset;
        foreach (var name in names)
        {
            hash = Add(hash, name);
            hash = AddByte(hash, Separator);
            hash = Add(hash, labels[name]);
            hash = AddByte(hash, Separator);
        }
        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static ulong Add(ulong hash, string text)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text)) hash = AddByte(hash, b);
        return hash;
    }

    private static ulong AddByte(ulong hash, byte b) => (hash ^ b) * Prime;
}
