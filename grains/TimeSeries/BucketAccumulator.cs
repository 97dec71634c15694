namespace BkMonitor.Grains.TimeSeries;

/// <summary>Running aggregate of one (group, bucket); "last" keeps the value of the latest point.</summary>
internal struct BucketAccumulator
{
    private double _sum;
    private double _min;
    private double _max;
    private double _last;
    private long _lastTime;
    private int _count;

    public void Add(long time, double value)
    {
        if (_count == 0)
        {
            _min = _max = value;
            _lastTime = long.MinValue;
        }
        _sum += value;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        if (time >= _lastTime)
        {
            _last = value;
            _lastTime = time;
        }
        _count++;
    }

    public readonly double Result(AggMethod method) => method switch
    {
        AggMethod.Avg => _sum / _count,
        AggMethod.Sum => _sum,
        AggMethod.Min => _min,
        AggMethod.Max => _max,
        AggMethod.Count => _count,
        AggMethod.Last => _last,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown aggregation."),
    };
}
