using BkMonitor.GrainInterfaces.Access;

namespace BkMonitor.Grains.Detect;

/// <summary>
/// The check-result logs of an item's series by the index access gave them (<see cref="SeriesTable"/>), so a
/// columnar batch records each point's outcome without a md5 lookup. Rebuilt only when a batch brings a new
/// table instance (a series was added); unchanged positions keep their log.
/// </summary>
internal sealed class SeriesResultIndex
{
    private SeriesTable? _table;
    private CheckResultSeries[] _byIndex = [];

    public CheckResultSeries[] For(SeriesTable table, ItemCheckResults results)
    {
        if (ReferenceEquals(table, _table)) return _byIndex;
        var next = new CheckResultSeries[table.Count];
        for (var i = 0; i < next.Length; i++)
        {
            var md5 = table.Md5[i];
            next[i] = i < _byIndex.Length && string.Equals(_table!.Md5[i], md5, StringComparison.Ordinal) ? _byIndex[i] : results.SeriesFor(md5);
        }
        _table = table;
        _byIndex = next;
        return next;
    }
}
