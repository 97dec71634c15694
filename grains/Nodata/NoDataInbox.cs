namespace BkMonitor.Grains.Nodata;

/// <summary>
/// Points forwarded by access for a nodata-enabled item, waiting for the next check (bk-monitor's
/// NO_DATA_LIST_KEY). A check takes every point up to its check time; when there is none it takes
/// the earliest later period instead, so late-aligned data does not read as missing.
/// </summary>
internal sealed class NoDataInbox
{
    public List<NoDataPoint> Pending { get; set; } = [];

    public void Add(NoDataPoint point) => Pending.Add(point);

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
        return taken;
    }
}
