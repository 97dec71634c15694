using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace BkMonitor.Grains.Hashing;

/// <summary>
/// bk-monitor's stable, order-insensitive md5 of a value (dicts by sorted key, lists as sorted
/// element hashes rendered as a Python list). Ids such as record_id, dedupe_md5 and event id
/// depend on it byte for byte.
/// </summary>
public static class CountMd5
{
    public static string Of(object? value) => value switch
    {
        string s => Md5Hex(s),
        JsonElement e => OfJson(e),
        IDictionary dict => OfDictionary(DictionaryPairs(dict)),
        IEnumerable<KeyValuePair<string, string>> pairs => OfDictionary(pairs.Select(p => (p.Key, (object?)p.Value))),
        IEnumerable<KeyValuePair<string, object?>> pairs => OfDictionary(pairs.Select(p => (p.Key, p.Value))),
        ITuple tuple => OfList(TupleItems(tuple)),
        IEnumerable list => OfList(list.Cast<object?>()),
        _ => Md5Hex(PythonStr.Of(value)),
    };

    private static string OfJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => OfDictionary(e.EnumerateObject().Select(p => (p.Name, (object?)p.Value))),
        JsonValueKind.Array => OfList(e.EnumerateArray().Select(x => (object?)x)),
        _ => Md5Hex(PythonStr.Of(e)),
    };

    // dict → [(str(k), count_md5(v)) for k in sorted(keys)] hashed by the list rule; each pair is a
    // tuple, itself hashed by the list rule.
    private static string OfDictionary(IEnumerable<(string Key, object? Value)> pairs)
    {
        var tupleHashes = pairs
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => OfList([p.Key, Of(p.Value)]))
            .ToList();
        return OfSortedHashes(tupleHashes);
    }

    private static string OfList(IEnumerable<object?> items) => OfSortedHashes(items.Select(Of).ToList());

    private static string OfSortedHashes(List<string> hashes)
    {
        hashes.Sort(StringComparer.Ordinal);
        var sb = new StringBuilder(2 + hashes.Count * 36);
        sb.Append('[');
        for (var i = 0; i < hashes.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append('\'').Append(hashes[i]).Append('\'');
        }
        sb.Append(']');
        return Md5Hex(sb.ToString());
    }

    private static IEnumerable<(string, object?)> DictionaryPairs(IDictionary dict)
    {
        foreach (DictionaryEntry entry in dict)
        {
            yield return (PythonStr.Of(entry.Key), entry.Value);
        }
    }

    private static IEnumerable<object?> TupleItems(ITuple tuple)
    {
        for (var i = 0; i < tuple.Length; i++) yield return tuple[i];
    }

    public static string Md5Hex(string text) => Md5Digest.HexOf(text);
}
