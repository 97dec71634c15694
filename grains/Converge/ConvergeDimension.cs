namespace BkMonitor.Grains.Converge;

/// <summary>Dimensions a converge condition may name (bk-monitor's <c>ALL_CONVERGE_DIMENSION</c>).</summary>
internal static class ConvergeDimension
{
    public const string StrategyId = "strategy_id";
    public const string Dimensions = "dimensions";
    public const string AlertName = "alert_name";
    public const string BkBizId = "bk_biz_id";
    public const string AlertLevel = "alert_level";
    public const string Signal = "signal";
    public const string NoticeReceiver = "notice_receiver";
    public const string NoticeWay = "notice_way";
    public const string GroupNoticeWay = "group_notice_way";
    public const string AlertInfo = "alert_info";
    public const string NoticeInfo = "notice_info";
    public const string ActionInfo = "action_info";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        StrategyId, Dimensions, AlertName, BkBizId, AlertLevel, Signal, NoticeReceiver, NoticeWay,
        GroupNoticeWay, AlertInfo, NoticeInfo, ActionInfo,
    };

    /// <summary>Condition value meaning "the value of the instance being converged".</summary>
    public const string Self = "self";
}
