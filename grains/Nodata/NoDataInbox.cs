namespace BkMonitor.Grains.Nodata;

/// <summary>
/// Points forwarded by access for a nodata-enabled item, waiting for the next check (bk-monitor's
/// NO_DATA_LIST_KEY). A check takes every point up to its check time; when there is none it takes
/// the earliest later period instead, so late-aligned data does not read as missing.
/// </summary>
/// <remarks>
/// Bounded: a (series, time) already waiting is not added again (pushes hand a bucket on each time it changes),
/// and past <see cref="Capacity"/> new points are dropped and counted, so a strategy of huge cardinality cannot
/// grow the inbox without limit. A dropped point can only make its set look missing, never hide a gap.
/// </remarks>
internal sealed class NoDataInbox
{
    public const int DefaultCapacity = 200_000;

    private readonly HashSet<(string Series, long Time)> _waiting = [];
    private long _reportedDropped;

    public NoDataInbox(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Points refused because the inbox was full.</summary>
    public long Dropped { get; private set; }

    public List<NoDataPoint> Pending { get; set; } = [];

    /// <summary>The points dropped since the last call, for a log line per check.</summary>
    public long TakeDropped()
    {
        var dropped = Dropped - _reportedDropped;
        _reportedDropped = Dropped;
        return dropped;
    }

    public void Add(NoDataPoint point) => Pending.Add(point);

    /// <summary>Adds a point of the series keyed <paramref name="series"/> unless it is already waiting or the inbox is full.</summary>
    public bool Add(string series, NoDataPoint point)
    {
        if (_waiting.Contains((series, point.Time))) return false;
        if (Pending.Count >= Capacity)
        {
            Dropped++;
            return false;
        }
        _waiting.Add((series, point.Time));
        Pending.Add(point);
        return true;
    }

    public List<NoDataPoint> TakeFor(long checkTime)
    {
        var taken = new List<NoDataPoint>();
        var future = new List<NoDataPoint>();
        foreach (var point in Pending)
        {
            (point.Time <= checkTime ? taken : future).Add(point);
        }
        if (taken.Count == 0 && future.Count > 0)
        {
            var earliest = long.MaxValue;
            foreach (var point in future) earliest = Math.Min(earliest, point.Time);
            taken = future.FindAll(p => p.Time == earliest);
            future.RemoveAll(p => p.Time == earliest);
        }
        Pending = future;
        // Every point of a taken time left, so the keys of exactly those times go.
        if (_waiting.Count > 0 && taken.Count > 0)
        {
            var takenTimes = taken.Select(p => p.Time).ToHashSet();
            _waiting.RemoveWhere(k => takenTimes.Contains(k.Time));
        }
        return taken;
    }
}
