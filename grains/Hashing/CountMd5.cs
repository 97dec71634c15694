using System.Collections;
using System.Runtime.CompilerServices;
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
        var sorted = new List<(string Key, object? Value)>(pairs);
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var tupleHashes = new List<string>(sorted.Count);
        foreach (var (key, value) in sorted) tupleHashes.Add(OfPair(Md5Hex(key), Md5Hex(Of(value))));
        return OfSortedHashes(tupleHashes);
    }

    private static string OfPair(string first, string second) => OfSortedHashes([first, second]);

    private static string OfList(IEnumerable<object?> items)
    {
        var hashes = items is ICollection<object?> collection ? new List<string>(collection.Count) : [];
        foreach (var item in items) hashes.Add(Of(item));
        return OfSortedHashes(hashes);
    }

    /// <summary>
    /// count_md5 of a list of scalars (numbers, strings, None), each element's md5 taken through
    /// <paramref name="md5OfText"/> from its Python str: a caller hashing many lists that share elements memoises it.
    /// </summary>
    public static string OfScalarList(IReadOnlyList<object?> items, Func<string, string> md5OfText)
    {
        var hashes = new List<string>(items.Count);
        foreach (var item in items) hashes.Add(md5OfText(PythonStr.Of(item)));
        return OfSortedHashes(hashes);
    }

    /// <summary>md5 of the hashes sorted and rendered as a Python list: <c>['h1', 'h2']</c>.</summary>
    private static string OfSortedHashes(List<string> hashes)
    {
        hashes.Sort(static (a, b) => string.CompareOrdinal(a, b));
        var length = 2;
        foreach (var hash in hashes) length += hash.Length + 2;
        length += Math.Max(0, hashes.Count - 1) * 2;
        return Md5Hex(string.Create(length, hashes, static (chars, list) =>
        {
            var at = 0;
            chars[at++] = '[';
            for (var i = 0; i < list.Count; i++)
            {
                if (i > 0)
                {
                    chars[at++] = ',';
                    chars[at++] = ' ';
                }
                chars[at++] = '\'';
                list[i].AsSpan().CopyTo(chars[at..]);
                at += list[i].Length;
                chars[at++] = '\'';
            }
            chars[at] = ']';
        }));
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
