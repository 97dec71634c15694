using BkMonitor.Grains.Converge;
using StrategyConverge = BkMonitor.GrainInterfaces.Strategies.ConvergeConfig;
using StrategyNotice = BkMonitor.GrainInterfaces.Strategies.NoticeRelation;
using StrategyOptions = BkMonitor.GrainInterfaces.Strategies.RelationOptions;

namespace BkMonitor.Grains.Actions;

/// <summary>Maps the strategy's stored notice relation to the relation the notice planner and converge read.</summary>
internal static class StrategyRelationMapping
{
    public static ActionRelation ToRelation(StrategyNotice notice) => new()
    {
        Id = (int)notice.Id,
        ConfigId = (int)notice.ConfigId,
        UserGroups = [.. notice.UserGroups.Select(g => (int)g)],
        Signal = notice.Signal,
        Options = ToOptions(notice.Options),
        Config = new NoticeConfig
        {
            NeedPoll = notice.Config.NeedPoll,
            NotifyInterval = notice.Config.NotifyInterval,
            IntervalNotifyMode = notice.Config.IntervalNotifyMode,
            Template = [.. notice.Config.Template.Select(t => new NoticeTemplate { Signal = t.Signal, TitleTmpl = t.TitleTmpl, MessageTmpl = t.MessageTmpl })],
        },
    };

    public static ConvergeConfig? ToConverge(StrategyConverge? converge) => converge is null ? null : new ConvergeConfig
    {
        IsEnabled = converge.IsEnabled,
        ConvergeFunc = converge.ConvergeFunc,
        Timedelta = converge.Timedelta,
        Count = converge.Count,
        Condition = [.. converge.Condition.Select(c => new ConvergeCondition { Dimension = c.Dimension, Value = c.Value })],
    };

    private static ActionRelationOptions ToOptions(StrategyOptions options) => new()
    {
        ConvergeConfig = ToConverge(options.ConvergeConfig),
        UpgradeConfig = new UpgradeConfig
        {
            IsEnabled = options.UpgradeConfig.IsEnabled,
            UpgradeInterval = options.UpgradeConfig.UpgradeInterval,
            UserGroups = [.. options.UpgradeConfig.UserGroups.Select(g => (int)g)],
        },
        ExcludeNoticeWays = options.ExcludeNoticeWays.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal),
        StartTime = options.StartTime,
        EndTime = options.EndTime,
        SkipDelay = options.SkipDelay,
    };
}
