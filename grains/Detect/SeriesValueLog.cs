namespace BkMonitor.Grains.Detect;

/// <summary>
/// The cached values of one series, ascending by data time in two parallel arrays. Data arrives mostly in time
/// order, so recording is usually an append and a lookup of a recent time a short search from the end.
/// </summary>
internal sealed class SeriesValueLog
{
    private long[] _times;
    private double[] _values;

    public SeriesValueLog(int capacity = 8)
    {
        _times = new long[Math.Max(capacity, 1)];
        _values = new double[Math.Max(capacity, 1)];
    }

    public int Count { get; private set; }

    /// <summary>Sets the value at <paramref name="time"/>, replacing one already there.</summary>
    public void Record(long time, double value)
    {
        if (Count == 0 || time > _times[Count - 1])
        {
            Insert(Count, time, value);
            return;
        }
        var index = IndexOf(time);
        if (index >= 0) _values[index] = value;
        else Insert(~index, time, value);
    }

    public bool TryGetValue(long time, out double value)
    {
        var index = IndexOf(time);
        if (index >= 0)
        {
            value = _values[index];
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Drops the values older than <paramref name="oldestKept"/>; returns how many were dropped.</summary>
    public int RemoveOlderThan(long oldestKept)
    {
        var index = IndexOf(oldestKept);
        var cut = index >= 0 ? index : ~index;
        if (cut == 0) return 0;
        Array.Copy(_times, cut, _times, 0, Count - cut);
        Array.Copy(_values, cut, _values, 0, Count - cut);
        Count -= cut;
        return cut;
    }

    /// <summary>The index of <paramref name="time"/>, or the bitwise complement of where it would go.</summary>
    private int IndexOf(long time)
    {
        int low = 0, high = Count - 1;
        // The newest values are the ones asked for most (the previous period): look at the end first.
        if (high >= 0 && _times[high] <= time) return _times[high] == time ? high : ~(high + 1);
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var at = _times[mid];
            if (at == time) return mid;
            if (at < time) low = mid + 1;
            else high = mid - 1;
        }
        return ~low;
    }

    private void Insert(int index, long time, double value)
    {
        if (Count == _times.Length)
        {
            Array.Resize(ref _times, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }
        if (index < Count)
        {
            Array.Copy(_times, index, _times, index + 1, Count - index);
            Array.Copy(_values, index, _values, index + 1, Count - index);
        }
        _times[index] = time;
        _values[index] = value;
        Count++;
    }
}
