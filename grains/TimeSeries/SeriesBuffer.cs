namespace BkMonitor.Grains.TimeSeries;

/// <summary>
/// Points of one series sorted by time (epoch seconds). Appends in time order are O(1); a late point is
/// inserted in place; a second point at the same second replaces the first (the report was re-sent).
/// </summary>
internal sealed class SeriesBuffer
{
    private long[] _times = new long[4];
    private double[] _values = new double[4];
    private int _count;

    public int Count => _count;

    public long LastTime => _count == 0 ? long.MinValue : _times[_count - 1];

    public void Add(long time, double value)
    {
        if (_count == 0 || time > _times[_count - 1])
        {
            EnsureCapacity();
            _times[_count] = time;
            _values[_count] = value;
            _count++;
            return;
        }
        var index = Array.BinarySearch(_times, 0, _count, time);
        if (index >= 0)
        {
            _values[index] = value;
            return;
        }
        index = ~index;
        EnsureCapacity();
        Array.Copy(_times, index, _times, index + 1, _count - index);
        Array.Copy(_values, index, _values, index + 1, _count - index);
        _times[index] = time;
        _values[index] = value;
        _count++;
    }

    /// <summary>Drops points older than <paramref name="minTime"/>; returns how many were dropped.</summary>
    public int TrimBefore(long minTime)
    {
        var index = LowerBound(minTime);
        if (index == 0) return 0;
        Array.Copy(_times, index, _times, 0, _count - index);
        Array.Copy(_values, index, _values, 0, _count - index);
        _count -= index;
        return index;
    }

    /// <summary>Index range [start, end) of points with from ≤ time &lt; until.</summary>
    public (int Start, int End) Range(long from, long until) => (LowerBound(from), LowerBound(until));

    public long TimeAt(int index) => _times[index];

    public double ValueAt(int index) => _values[index];

    /// <summary>
    /// The first index whose time is ≥ <paramref name="time"/>. Queries read the newest buckets (pushes, pulls of the
    /// last periods): a few steps back from the end find them; anything further is a binary search.
    /// </summary>
    private int LowerBound(long time)
    {
        var index = _count;
        for (var steps = 0; steps < 4; steps++)
        {
            if (index == 0 || _times[index - 1] < time) return index;
            index--;
        }
        index = _times.AsSpan(0, index).BinarySearch(time);
        // Times are unique, so a hit is the first element equal to time.
        return index < 0 ? ~index : index;
    }

    private void EnsureCapacity()
    {
        if (_count < _times.Length) return;
        Array.Resize(ref _times, _times.Length * 2);
        Array.Resize(ref _values, _values.Length * 2);
    }
}
