namespace BkMonitor.Grains.Metadata;

/// <summary>Where a data id falls in the GSE range assigned to the monitor (seed 000, "数据 ID 分配规则").</summary>
internal enum DataIdRangeKind
{
    OutOfRange,
    Reserved,
    Builtin,
    UserV31,
    User,
}

/// <summary>One built-in data id and what it carries.</summary>
internal sealed record BuiltinDataId(int Id, string Name, string Purpose);

/// <summary>
/// The data id plan: GSE gives the monitor [1048576, 2097151]; 1048576–1099999 reserved, 1100000–1199999
/// built-in sources, 1200000–1499999 user sources created by V3.1, 1500000–2097151 user sources from V3.2
/// on. New ids are only handed out from the last range.
/// </summary>
internal static class DataIdRanges
{
    public const int GseFirst = 1048576;
    public const int GseLast = 2097151;
    public const int ReservedLast = 1099999;
    public const int BuiltinFirst = 1100000;
    public const int BuiltinLast = 1199999;
    public const int UserV31First = 1200000;
    public const int UserV31Last = 1499999;
    public const int UserFirst = 1500000;
    public const int UserLast = GseLast;

    public static IReadOnlyList<BuiltinDataId> Builtin { get; } =
    [
        new(1100000, "全业务字符型告警上报", "custom string alarms of every business"),
        new(1100001, "全业务采集器任务心跳上报（全局）", "collector task heartbeat, global"),
        new(1100002, "全业务采集器任务心跳上报（单任务）", "collector task heartbeat, per task"),
        new(1100003, "全业务 ping 拨测上报", "ping probe results of every business"),
        new(1100004, "bkmonitorproxy 心跳上报", "bkmonitorproxy heartbeat"),
        new(1100005, "pingserver 数据上报", "pingserver data"),
    ];

    public static DataIdRangeKind Classify(int dataId) => dataId switch
    {
        < GseFirst or > GseLast => DataIdRangeKind.OutOfRange,
        <= ReservedLast => DataIdRangeKind.Reserved,
        <= BuiltinLast => DataIdRangeKind.Builtin,
        <= UserV31Last => DataIdRangeKind.UserV31,
        _ => DataIdRangeKind.User,
    };

    public static BuiltinDataId? FindBuiltin(int dataId)
    {
        foreach (var builtin in Builtin)
        {
            if (builtin.Id == dataId)
            {
                return builtin;
            }
        }
        return null;
    }
}
