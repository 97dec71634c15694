using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Actions;
using static BkMonitor.UnitTests.Actions.ActionFixtures;

namespace BkMonitor.UnitTests.Actions;

public sealed class NoticePlannerTests
{
    private static readonly NoticePlanner Planner = new(new HashSet<string>(NoticeWay.All));

    private static NoticePlan Plan(AlertSnapshot alert, ActionRelation relation, params UserGroup[] groups) =>
        PlanWith(Planner, alert, relation, groups);

    private static NoticePlan PlanWith(NoticePlanner planner, AlertSnapshot alert, ActionRelation relation, params UserGroup[] groups) =>
        planner.Plan(
            new NoticePlanRequest { Alert = alert, Relation = relation, Now = Begin + 60 },
            groups.ToDictionary(g => g.Id));

    [Fact]
    public void One_delivery_per_way_and_receiver_for_the_alert_level()
    {
        var plan = Plan(Alert(severity: 1), NoticeRelation(), Ops);

        Assert.Equal(NoticePlanOutcome.Send, plan.Outcome);
        Assert.Equal(
            [("mail", "alice", "alice@example.com"), ("mail", "bob", "bob@example.com"), ("sms", "alice", "alice"), ("sms", "bob", "bob")],
            plan.Deliveries.Select(d => (d.Way, d.Receiver, d.Target)));
        Assert.All(plan.Deliveries, d => Assert.Null(d.FailureReason));
    }

    [Fact]
    public void Level_selects_the_ways()
    {
        var plan = Plan(Alert(severity: 2), NoticeRelation(), Ops);

        Assert.Equal(["mail", "mail"], plan.Deliveries.Select(d => d.Way));
    }

    [Fact]
    public void Each_delivery_carries_its_idempotency_key()
    {
        var plan = Plan(Alert(), NoticeRelation(), Ops);

        var alice = plan.Deliveries.First(d => d.Way == NoticeWay.Mail && d.Receiver == "alice");
        Assert.Equal(IdempotencyKey.For("17000000001", ActionSignal.Abnormal, 0, 7, NoticeWay.Mail, "alice"), alice.IdempotencyKey);
    }

    [Fact]
    public void Excluded_ways_for_the_signal_are_dropped()
    {
        var relation = NoticeRelation() with
        {
            Options = new ActionRelationOptions { ExcludeNoticeWays = new() { [ActionSignal.Abnormal] = [NoticeWay.Sms] } },
        };

        var plan = Plan(Alert(), relation, Ops);

        Assert.DoesNotContain(plan.Deliveries, d => d.Way == NoticeWay.Sms);
        Assert.Equal(2, plan.Deliveries.Count);
    }

    [Fact]
    public void Exclusions_of_another_signal_do_not_apply()
    {
        var relation = NoticeRelation() with
        {
            Options = new ActionRelationOptions { ExcludeNoticeWays = new() { [ActionSignal.Recovered] = [NoticeWay.Sms] } },
        };

        Assert.Equal(4, Plan(Alert(), relation, Ops).Deliveries.Count);
    }

    [Fact]
    public void Way_without_a_sender_is_a_failed_delivery_not_a_silent_drop()
    {
        var planner = new NoticePlanner(new HashSet<string> { NoticeWay.Mail });

        var plan = PlanWith(planner, Alert(), NoticeRelation(), Ops);

        var sms = plan.Deliveries.Where(d => d.Way == NoticeWay.Sms).ToList();
        Assert.Equal(2, sms.Count);
        Assert.All(sms, d => Assert.Equal("no sender is configured for notice way 'sms'", d.FailureReason));
    }

    [Fact]
    public void Unknown_way_is_a_failed_delivery()
    {
        var group = Ops with { NoticeWays = new() { ["1"] = ["pigeon"] } };

        var plan = Plan(Alert(), NoticeRelation(), group);

        Assert.Equal(2, plan.Deliveries.Count);
        Assert.All(plan.Deliveries, d => Assert.Equal("unknown notice way 'pigeon'", d.FailureReason));
    }

    [Fact]
    public void Mail_without_an_address_is_a_failed_delivery()
    {
        var group = Ops with { Users = ["alice", "carol", "dave@example.com"], NoticeWays = new() { ["1"] = [NoticeWay.Mail] } };

        var plan = Plan(Alert(), NoticeRelation(), group);

        Assert.Null(plan.Deliveries[0].FailureReason);
        Assert.Equal("user group 'ops' has no mail address for user 'carol'", plan.Deliveries[1].FailureReason);
        Assert.Equal("dave@example.com", plan.Deliveries[2].Target);
        Assert.Null(plan.Deliveries[2].FailureReason);
    }

    [Fact]
    public void Wxwork_bot_goes_to_the_group_robot_once()
    {
        var group = Ops with { NoticeWays = new() { ["1"] = [NoticeWay.WxworkBot] }, WxworkBotWebhookUrl = "https://qyapi.example/send?key=k" };

        var delivery = Assert.Single(Plan(Alert(), NoticeRelation(), group).Deliveries);

        Assert.Equal("https://qyapi.example/send?key=k", delivery.Target);
        Assert.Null(delivery.FailureReason);
    }

    [Fact]
    public void Wxwork_bot_without_url_is_a_failed_delivery()
    {
        var group = Ops with { NoticeWays = new() { ["1"] = [NoticeWay.WxworkBot] } };

        var delivery = Assert.Single(Plan(Alert(), NoticeRelation(), group).Deliveries);

        Assert.Equal("user group 'ops' has no wxwork-bot webhook url and none is configured (BkMonitor:Alarm:WxWorkBot:WebhookUrl)", delivery.FailureReason);
    }

    [Fact]
    public void Wxwork_bot_without_a_group_url_goes_to_the_configured_robot()
    {
        var group = Ops with { NoticeWays = new() { ["1"] = [NoticeWay.WxworkBot] } };
        var request = new NoticePlanRequest { Alert = Alert(), Relation = NoticeRelation(), Now = Begin + 60, DefaultWxWorkBotUrl = "https://qyapi.example/send?key=default" };

        var delivery = Assert.Single(Planner.Plan(request, new Dictionary<int, UserGroup> { [group.Id] = group }).Deliveries);

        Assert.Equal(("https://qyapi.example/send?key=default", null), (delivery.Target, delivery.FailureReason));
    }

    [Fact]
    public void Voice_calls_the_group_as_one_delivery()
    {
        var group = Ops with { NoticeWays = new() { ["1"] = [NoticeWay.Voice] } };

        var delivery = Assert.Single(Plan(Alert(), NoticeRelation(), group).Deliveries);

        Assert.Equal("alice,bob", delivery.Receiver);
    }

    [Fact]
    public void A_user_in_two_groups_is_notified_once_per_way()
    {
        var dev = Ops with { Id = 2, Name = "dev", Users = ["bob", "erin"], MailAddresses = new() { ["bob"] = "b@x", ["erin"] = "e@x" } };

        var plan = Plan(Alert(), NoticeRelation(1, 2), Ops, dev);

        Assert.Equal(["alice", "bob", "erin"], plan.Deliveries.Where(d => d.Way == NoticeWay.Mail).Select(d => d.Receiver));
        Assert.Equal(1, plan.Deliveries.Single(d => d.Way == NoticeWay.Mail && d.Receiver == "bob").UserGroupId);
    }

    [Fact]
    public void Missing_group_is_reported_as_a_warning()
    {
        var plan = Plan(Alert(), NoticeRelation(1, 99), Ops);

        Assert.Equal(NoticePlanOutcome.Send, plan.Outcome);
        Assert.Contains("user group 99 not found", plan.Warnings);
    }

    [Fact]
    public void No_way_for_the_level_means_no_deliveries_with_the_reason()
    {
        var plan = Plan(Alert(severity: 3), NoticeRelation(), Ops);

        Assert.Equal(NoticePlanOutcome.NoDeliveries, plan.Outcome);
        Assert.Equal("user group 'ops' (1) has no notice way for level 3", plan.Reason);
    }

    [Fact]
    public void No_data_follows_abnormal_on_the_notice_relation()
        => Assert.Equal(NoticePlanOutcome.Send, Plan(Alert(ActionSignal.NoData), NoticeRelation(), Ops).Outcome);

    [Fact]
    public void Signal_not_handled_by_the_relation_plans_nothing()
        => Assert.Equal(NoticePlanOutcome.NotForSignal, Plan(Alert(ActionSignal.Closed), NoticeRelation(), Ops).Outcome);

    [Fact]
    public void Skip_delay_skips_late_abnormal_notices()
    {
        var relation = NoticeRelation() with { Options = new ActionRelationOptions { SkipDelay = 30 } };

        var plan = Plan(Alert(), relation, Ops);

        Assert.Equal(NoticePlanOutcome.Skipped, plan.Outcome);
        Assert.Empty(plan.Deliveries);
    }

    [Fact]
    public void Outside_the_time_window_in_business_time_the_notice_is_shielded()
    {
        // Begin + 60 is 22:14:20 UTC, 06:14:20 in Shanghai.
        var relation = NoticeRelation() with { Options = new ActionRelationOptions { StartTime = "09:00:00", EndTime = "18:00:00" } };
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var plan = Planner.Plan(
            new NoticePlanRequest { Alert = Alert(), Relation = relation, Now = Begin + 60, TimeZone = shanghai },
            new Dictionary<int, UserGroup> { [1] = Ops });

        Assert.Equal(NoticePlanOutcome.OutsideTimeWindow, plan.Outcome);
        Assert.Equal("current time (06:14:20) is outside the notice time range [09:00:00--18:00:00]", plan.Reason);
    }

    [Fact]
    public void Upgrade_notice_goes_to_the_given_groups_instead()
    {
        var boss = Ops with { Id = 9, Name = "boss", Users = ["zoe"], MailAddresses = new() { ["zoe"] = "z@x" } };

        var plan = Planner.Plan(
            new NoticePlanRequest { Alert = Alert(), Relation = NoticeRelation(), Now = Begin, UserGroupIds = [9] },
            new Dictionary<int, UserGroup> { [1] = Ops, [9] = boss });

        Assert.All(plan.Deliveries, d => Assert.Equal("zoe", d.Receiver));
    }
}
