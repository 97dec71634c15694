namespace BkMonitor.Grains.Metadata;

/// <summary>
/// Default result table ids, as bk-monitor names its custom report tables. Time series
/// (<c>TimeSeriesGroup.make_table_id</c>): <c>{biz}_bkmonitor_time_series_{id}.__default__</c>, without the biz
/// prefix for biz 0. Events (<c>EventGroup.make_table_id</c>): <c>{biz}_bkmonitor_event_{id}</c>, a negative
/// (space) biz becomes <c>bkmonitor_{|biz|}_bkmonitor_event_{id}</c>, biz 0 drops the prefix. Logs are this
/// project's own: the event rule with <c>log</c> in place of <c>event</c>.
/// </summary>
internal static class ResultTableIds
{
    public const string DefaultMeasurement = "__default__";

    public static string TimeSeries(int bkBizId, int dataId) => bkBizId != 0
        ? $"{bkBizId}_bkmonitor_time_series_{dataId}.{DefaultMeasurement}"
        : $"bkmonitor_time_series_{dataId}.{DefaultMeasurement}";

    public static string Event(int bkBizId, int dataId) => Prefixed(bkBizId, $"bkmonitor_event_{dataId}");

    public static string Log(int bkBizId, int dataId) => Prefixed(bkBizId, $"bkmonitor_log_{dataId}");

    public static string For(string dataTypeLabel, int bkBizId, int dataId) => dataTypeLabel switch
    {
        EtlConfigs.TimeSeries => TimeSeries(bkBizId, dataId),
        EtlConfigs.Event => Event(bkBizId, dataId),
        EtlConfigs.Log => Log(bkBizId, dataId),
        _ => throw new ArgumentException($"no result table naming for data_type_label '{dataTypeLabel}'", nameof(dataTypeLabel)),
    };

    private static string Prefixed(int bkBizId, string table) => bkBizId switch
    {
        > 0 => $"{bkBizId}_{table}",
        < 0 => $"bkmonitor_{-(long)bkBizId}_{table}",
        _ => table,
    };
}
