namespace BkMonitor.Grains.TimeSeries;

/// <summary>
/// A dimension set in canonical (ordinal key) order with a precomputed hash, so a series is found with one
/// dictionary lookup per sample and equal dimension sets always map to the same series.
/// </summary>
public sealed class SeriesKey : IEquatable<SeriesKey>
{
    private readonly KeyValuePair<string, string>[] _pairs;
    private readonly int _hash;
    private Dictionary<string, string>? _dictionary;

    public SeriesKey(IEnumerable<KeyValuePair<string, string>> dimensions)
    {
        _pairs = dimensions.ToArray();
        Array.Sort(_pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var hash = new HashCode();
        foreach (var (k, v) in _pairs)
        {
            hash.Add(k, StringComparer.Ordinal);
            hash.Add(v, StringComparer.Ordinal);
        }
        _hash = hash.ToHashCode();
    }

    public static SeriesKey Empty { get; } = new([]);

    public ReadOnlySpan<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>The dimensions as a dictionary, built once per key (keys are immutable and queried every period).</summary>
    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        if (_dictionary is { } built) return built;
        var d = new Dictionary<string, string>(_pairs.Length, StringComparer.Ordinal);
        foreach (var (k, v) in _pairs) d[k] = v;
        return _dictionary = d;
    }

    /// <summary>The same series reduced to <paramref name="keys"/> (group-by); missing keys are left out.</summary>
    public SeriesKey Project(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0) return Empty;
        if (AllIn(keys)) return this;
        var kept = new List<KeyValuePair<string, string>>(keys.Count);
        foreach (var pair in _pairs)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                if (string.Equals(keys[i], pair.Key, StringComparison.Ordinal))
                {
                    kept.Add(pair);
                    break;
                }
            }
        }
        return new SeriesKey(kept);
    }

    /// <summary>Whether every key of this series is among <paramref name="keys"/> (the common group-by: nothing to drop).</summary>
    private bool AllIn(IReadOnlyList<string> keys)
    {
        foreach (var pair in _pairs)
        {
            var found = false;
            for (var i = 0; i < keys.Count && !found; i++) found = string.Equals(keys[i], pair.Key, StringComparison.Ordinal);
            if (!found) return false;
        }
        return true;
    }

    public bool Equals(SeriesKey? other)
    {
        // Access looks up the store's own key instances: the same instance needs no string compare.
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash || other._pairs.Length != _pairs.Length) return false;
        for (var i = 0; i < _pairs.Length; i++)
        {
            if (!string.Equals(_pairs[i].Key, other._pairs[i].Key, StringComparison.Ordinal)
                || !string.Equals(_pairs[i].Value, other._pairs[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as SeriesKey);

    public override int GetHashCode() => _hash;

    public override string ToString() => string.Join(",", _pairs.Select(p => $"{p.Key}={p.Value}"));
}
