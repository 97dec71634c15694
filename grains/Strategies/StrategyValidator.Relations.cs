using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Strategies;

public sealed partial class StrategyValidator
{
    private static NoticeRelation ReadNotice(JsonObjectFields o) => new()
    {
        Id = o["id"].AsLong(min: 0) ?? 0,
        ConfigId = o["config_id"].AsLong(min: 0) ?? 0,
        UserGroups = o["user_groups"].AsLongList() ?? [],
        Signal = StrategyDerivations.NoticeSignals(ReadSignals(o)),
        Options = ReadObject(o["options"], ReadOptions) ?? new RelationOptions(),
        Config = ReadObject(o["config"], ReadNoticeConfig) ?? new NoticeConfig(),
    };

    private static ActionRelation ReadAction(JsonObjectFields o) => new()
    {
        Id = o["id"].AsLong(min: 0) ?? 0,
        ConfigId = o["config_id"].Required().AsLong(min: 1) ?? 0,
        UserGroups = o["user_groups"].AsLongList() ?? [],
        Signal = ReadSignals(o),
        Options = ReadObject(o["options"], ReadOptions) ?? new RelationOptions(),
    };

    private static IReadOnlyList<string> ReadSignals(JsonObjectFields o) =>
        o["signal"].Required().AsStringList(allowEmpty: true, StrategyVocabulary.Signals) ?? [];

    private static RelationOptions ReadOptions(JsonObjectFields o) => new()
    {
        ConvergeConfig = ReadObject(o["converge_config"], ReadConvergeConfig),
        UpgradeConfig = ReadObject(o["upgrade_config"], ReadUpgradeConfig) ?? new UpgradeConfig(),
        ExcludeNoticeWays = ReadObject(o["exclude_notice_ways"], ReadExcludeNoticeWays)
            ?? new Dictionary<string, IReadOnlyList<string>>(),
        StartTime = ReadClock(o["start_time"], ClockWithSeconds) ?? "00:00:00",
        EndTime = ReadClock(o["end_time"], ClockWithSeconds) ?? "23:59:59",
        SkipDelay = o["skip_delay"].AsInt(min: 0) ?? 0,
    };

    private static ConvergeConfig ReadConvergeConfig(JsonObjectFields o) => new()
    {
        IsEnabled = o["is_enabled"].AsBool() ?? true,
        ConvergeFunc = o["converge_func"].AsChoice(StrategyVocabulary.ConvergeFuncs) ?? "skip_when_success",
        Timedelta = o["timedelta"].AsInt(min: 0) ?? 60,
        Count = o["count"].AsInt(min: 1) ?? 1,
        Condition = ReadObjects(o["condition"], allowEmpty: true, ReadConvergeCondition),
        NeedBizConverge = o["need_biz_converge"].AsBool() ?? false,
    };

    private static ConvergeCondition ReadConvergeCondition(JsonObjectFields o) => new()
    {
        Dimension = o["dimension"].Required().AsChoice(StrategyVocabulary.ConvergeDimensions) ?? "",
        Value = o["value"].AsStringList() ?? ["self"],
    };

    private static UpgradeConfig ReadUpgradeConfig(JsonObjectFields o)
    {
        var config = new UpgradeConfig
        {
            IsEnabled = o["is_enabled"].AsBool() ?? false,
            UpgradeInterval = o["upgrade_interval"].AsInt(min: 1) ?? 1440,
            UserGroups = o["user_groups"].AsLongList() ?? [],
        };
        // bk-monitor refuses an enabled upgrade without anyone to upgrade to.
        if (config.IsEnabled && config.UserGroups.Count == 0) o.Error("user_groups", "must not be empty when upgrade is enabled");
        return config;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadExcludeNoticeWays(JsonObjectFields o)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var signal in StrategyVocabulary.Signals)
        {
            if (o[signal].AsStringList(allowEmpty: true, StrategyVocabulary.NoticeWays) is { } ways) result[signal] = ways;
        }
        return result;
    }

    private static NoticeConfig ReadNoticeConfig(JsonObjectFields o) => new()
    {
        NeedPoll = o["need_poll"].AsBool() ?? true,
        NotifyInterval = o["notify_interval"].AsInt(min: 60) ?? 3600,
        IntervalNotifyMode = o["interval_notify_mode"].AsChoice(StrategyVocabulary.IntervalNotifyModes) ?? "standard",
        Template = ReadObjects(o["template"], allowEmpty: true, ReadNoticeTemplate),
    };

    private static NoticeTemplate ReadNoticeTemplate(JsonObjectFields o) => new()
    {
        Signal = o["signal"].Required().AsChoice(StrategyVocabulary.Signals) ?? "",
        TitleTmpl = o["title_tmpl"].AsString() ?? "",
        MessageTmpl = o["message_tmpl"].AsString() ?? "",
    };
}
