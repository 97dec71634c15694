namespace BkMonitor.Grains.Strategies;

/// <summary>The closed value sets of the strategy config (ALARM-SPEC §1), as bk-monitor accepts them.</summary>
public static class StrategyVocabulary
{
    public static readonly IReadOnlyList<string> DataSourceLabels =
        ["bk_monitor", "bk_data", "custom", "bk_log_search", "bk_fta", "bk_apm", "prometheus", "dashboard"];

    public static readonly IReadOnlyList<string> DataTypeLabels = ["time_series", "event", "log", "alert"];

    /// <summary>Compared case-insensitively: bk-monitor stores both <c>AVG</c> and <c>avg</c>.</summary>
    public static readonly IReadOnlyList<string> AggMethods =
    [
        "avg", "sum", "min", "max", "count", "last", "mean", "real_time", "distinct",
        "cp50", "cp90", "cp95", "cp99",
        "sum_without_time", "max_without_time", "min_without_time", "count_without_time", "avg_without_time",
    ];

    public static readonly IReadOnlyList<string> ConditionMethods =
        ["eq", "neq", "gt", "gte", "lt", "lte", "include", "exclude", "reg", "nreg"];

    /// <summary>Methods that query engines outside unify-query cannot push down (bk-monitor's AdvanceConditionMethod).</summary>
    public static readonly IReadOnlyList<string> AdvancedConditionMethods = ["reg", "nreg", "include", "exclude"];

    public static readonly IReadOnlyList<string> Connectors = ["and", "or"];

    public static readonly IReadOnlyList<string> TargetFields =
    [
        "ip", "bk_target_ip", "service_instance_id", "bk_target_service_instance_id",
        "host_topo_node", "service_topo_node", "dynamic_group",
    ];

    public static readonly IReadOnlyList<string> TargetMethods = ["eq", "neq"];

    public static readonly IReadOnlyList<string> Signals =
        ["abnormal", "recovered", "closed", "ack", "no_data", "execute", "execute_success", "execute_failed"];

    public static readonly IReadOnlyList<string> StatusSetters = ["recovery", "close", "recovery-nodata"];

    public static readonly IReadOnlyList<string> IntervalNotifyModes = ["standard", "increasing"];

    public static readonly IReadOnlyList<string> NoticeWays = ["sms", "mail", "weixin", "qy_weixin", "voice", "wxwork-bot"];

    public static readonly IReadOnlyList<string> ConvergeFuncs =
    [
        "skip_when_success", "approve_when_failed", "skip_when_proceed", "wait_when_proceed",
        "defense", "skip_when_exceed", "collect", "collect_alarm",
    ];

    public static readonly IReadOnlyList<string> ConvergeDimensions =
    [
        "strategy_id", "dimensions", "alert_name", "bk_biz_id", "alert_level", "signal",
        "notice_receiver", "notice_way", "alert_info", "notice_info", "action_info",
    ];
}
