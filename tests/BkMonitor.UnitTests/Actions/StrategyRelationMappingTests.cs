using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Actions;
using static BkMonitor.UnitTests.Actions.ActionFixtures;

namespace BkMonitor.UnitTests.Actions;

public sealed class StrategyRelationMappingTests
{
    private static readonly NoticeRelation Notice = new()
    {
        Id = 5,
        ConfigId = 7,
        UserGroups = [1, 3],
        Signal = [ActionSignal.Abnormal, ActionSignal.NoData],
        Options = new RelationOptions
        {
            SkipDelay = 600,
            StartTime = "08:00:00",
            EndTime = "20:00:00",
            ExcludeNoticeWays = new Dictionary<string, IReadOnlyList<string>> { [ActionSignal.Abnormal] = [NoticeWay.Sms] },
            UpgradeConfig = new GrainInterfaces.Strategies.UpgradeConfig { IsEnabled = true, UpgradeInterval = 30, UserGroups = [9] },
        },
        Config = new GrainInterfaces.Strategies.NoticeConfig
        {
            NeedPoll = true, NotifyInterval = 120, IntervalNotifyMode = RepeatNoticePolicy.Increasing,
            Template = [new GrainInterfaces.Strategies.NoticeTemplate { Signal = ActionSignal.Abnormal, TitleTmpl = "t", MessageTmpl = "m" }],
        },
    };

    [Fact]
    public void The_strategys_notice_relation_maps_to_what_the_planner_reads()
    {
        var relation = StrategyRelationMapping.ToRelation(Notice);

        Assert.Equal((5, 7), (relation.Id, relation.ConfigId));
        Assert.Equal([1, 3], relation.UserGroups);
        Assert.Equal((600, "08:00:00", "20:00:00"), (relation.Options.SkipDelay, relation.Options.StartTime, relation.Options.EndTime));
        Assert.Equal([NoticeWay.Sms], relation.Options.ExcludeNoticeWays[ActionSignal.Abnormal]);
        Assert.Equal((true, 30, 9), (relation.Options.UpgradeConfig!.IsEnabled, relation.Options.UpgradeConfig.UpgradeInterval, relation.Options.UpgradeConfig.UserGroups[0]));
        Assert.Equal((true, 120, RepeatNoticePolicy.Increasing), (relation.Config!.NeedPoll, relation.Config.NotifyInterval, relation.Config.IntervalNotifyMode));
        Assert.Equal(("t", "m"), (relation.Config.Template[0].TitleTmpl, relation.Config.Template[0].MessageTmpl));
        Assert.Null(relation.Options.ConvergeConfig);
    }

    [Fact]
    public void A_mapped_relation_plans_with_skip_delay()
    {
        var relation = StrategyRelationMapping.ToRelation(Notice);
        var request = new NoticePlanRequest { Alert = Alert(), Relation = relation, Now = Begin + 601 };

        var plan = new NoticePlanner(NoticeWay.All).Plan(request, new Dictionary<int, UserGroup> { [1] = Ops });

        Assert.Equal(NoticePlanOutcome.Skipped, plan.Outcome);
    }

    [Fact]
    public void The_log_way_is_a_notice_way_user_groups_may_use()
    {
        Assert.Empty(UserGroupValidator.Validate(Ops with { NoticeWays = new() { ["1"] = [NoticeWay.Log] } }));
    }
}
