namespace BkMonitor.Grains.Detect;

/// <summary>
/// The recent detect results of one series (bk-monitor's CHECK_RESULT and LAST_CHECKPOINTS for one dimension set):
/// point times in ascending order with a bit per level that flagged the point. Entries older than the retention
/// behind the newest point are dropped, so the log holds about the recovery plus trigger window.
/// </summary>
internal sealed class CheckResultSeries
{
    private long[] _times;
    private byte[] _masks;
    private int _start;
    private int _end;

    public CheckResultSeries(int capacity = 8)
    {
        _times = new long[capacity];
        _masks = new byte[capacity];
    }

    public int Count => _end - _start;

    /// <summary>The newest point's time; null when nothing was recorded.</summary>
    public long? Newest => _end > _start ? _times[_end - 1] : null;

    /// <summary>Records a point; a second result for the same time replaces the first (a redelivered batch).</summary>
    public void Record(long time, byte levelMask, long retentionSeconds)
    {
        if (_end > _start && time <= _times[_end - 1])
        {
            InsertOrReplace(time, levelMask);
        }
        else
        {
            Append(time, levelMask);
        }
        var oldest = _times[_end - 1] - retentionSeconds;
        while (_start < _end && _times[_start] < oldest) _start++;
    }

    /// <summary>Appends the results with <c>from &lt;= time &lt;= to</c> for <paramref name="level"/>, in time order.</summary>
    public void CopyTo(int level, long from, long to, ICollection<(long Time, bool IsAnomaly)> into)
    {
        var bit = (byte)(1 << level);
        for (var i = _start; i < _end; i++)
        {
            var time = _times[i];
            if (time < from) continue;
            if (time > to) break;
            into.Add((time, (_masks[i] & bit) != 0));
        }
    }

    private void Append(long time, byte mask)
    {
        if (_end == _times.Length) MakeRoom();
        _times[_end] = time;
        _masks[_end] = mask;
        _end++;
    }

    private void InsertOrReplace(long time, byte mask)
    {
        var index = Array.BinarySearch(_times, _start, _end - _start, time);
        if (index >= 0)
        {
            _masks[index] = mask;
            return;
        }
        index = ~index;
        if (_end == _times.Length)
        {
            var shift = _start;
            MakeRoom();
            index -= shift;
        }
        Array.Copy(_times, index, _times, index + 1, _end - index);
        Array.Copy(_masks, index, _masks, index + 1, _end - index);
        _times[index] = time;
        _masks[index] = mask;
        _end++;
    }

    // Slides live entries to the front; grows only when the live part fills more than half the buffer.
    private void MakeRoom()
    {
        var count = _end - _start;
        if (count * 2 > _times.Length)
        {
            Array.Resize(ref _times, _times.Length * 2);
            Array.Resize(ref _masks, _masks.Length * 2);
        }
        Array.Copy(_times, _start, _times, 0, count);
        Array.Copy(_masks, _start, _masks, 0, count);
        _start = 0;
        _end = count;
    }
}
