using BkMonitor.GrainInterfaces.Access;

namespace BkMonitor.Grains.Access;

/// <summary>Collects one batch's points as columns (series index, time, value) sized for the expected count.</summary>
internal sealed class ItemColumnsBuilder(int capacity)
{
    private int[] _series = new int[Math.Max(capacity, 4)];
    private long[] _times = new long[Math.Max(capacity, 4)];
    private double[] _values = new double[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    public void Add(int series, long time, double value)
    {
        if (Count == _series.Length)
        {
            Array.Resize(ref _series, Count * 2);
            Array.Resize(ref _times, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }
        _series[Count] = series;
        _times[Count] = time;
        _values[Count] = value;
        Count++;
    }

    /// <summary>The columns over <paramref name="table"/>; null when no point was added.</summary>
    public ItemColumns? Build(SeriesTable table) => Count == 0 ? null : new ItemColumns(table, _series, _times, _values, Count);
}
