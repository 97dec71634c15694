using BkMonitor.GrainInterfaces.Access;
using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.Grains.Access;

/// <summary>
/// The series of one strategy item, each given an index the first time it is seen: its record dimensions, their
/// count_md5 and whether it lies in the item's target range and agg_condition are computed then, once, instead of
/// per point. Store groups are found by their <see cref="SeriesKey"/>, pulled rows by md5. Detect receives the
/// series as an immutable <see cref="SeriesTable"/>, re-published only when a series was added.
/// </summary>
internal sealed class ItemSeriesIndex
{
    private readonly StrategyItemAccess _access;
    private readonly Dictionary<SeriesKey, int> _byGroup = [];
    private readonly Dictionary<string, int> _byMd5 = new(StringComparer.Ordinal);
    private readonly List<string> _md5 = [];
    private readonly List<IReadOnlyDictionary<string, string>> _dimensions = [];
    private readonly List<bool> _inRange = [];
    private SeriesTable _table = SeriesTable.Empty;

    public ItemSeriesIndex(StrategyItemAccess access)
    {
        _access = access;
    }

    /// <summary>Called with (index, md5) whenever a series is added.</summary>
    public Action<int, string>? Added { get; set; }

    public int Count => _md5.Count;

    /// <summary>The table of every series so far; the same instance until a series is added.</summary>
    public SeriesTable Table
    {
        get
        {
            if (_table.Count != _md5.Count) _table = new SeriesTable([.. _md5], [.. _dimensions]);
            return _table;
        }
    }

    public string Md5(int index) => _md5[index];

    public bool IsInRange(int index) => _inRange[index];

    /// <summary>The index of a store group (its key holds the item's group-by fields that the series has).</summary>
    public int IndexOf(SeriesKey group)
    {
        if (_byGroup.TryGetValue(group, out var index)) return index;
        var dimensions = _access.Dimensions(Nullable(group.ToDictionary()));
        index = IndexOf(_access.DimensionsMd5(dimensions), dimensions);
        _byGroup[group] = index;
        return index;
    }

    /// <summary>The index of a series by its md5, added with <paramref name="dimensions"/> when new.</summary>
    public int IndexOf(string md5, IReadOnlyDictionary<string, string?> dimensions)
    {
        if (_byMd5.TryGetValue(md5, out var index)) return index;
        index = _md5.Count;
        _byMd5[md5] = index;
        _md5.Add(md5);
        _dimensions.Add(DataPointRecords.WithoutNone(dimensions));
        _inRange.Add(_access.IsInRange(dimensions));
        Added?.Invoke(index, md5);
        return index;
    }

    private static IReadOnlyDictionary<string, string?> Nullable(IReadOnlyDictionary<string, string> dimensions) =>
        (IReadOnlyDictionary<string, string?>)(object)dimensions;
}
