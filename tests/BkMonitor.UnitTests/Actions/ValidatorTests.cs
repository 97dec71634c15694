using System.Text.Json;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Actions;
using BkMonitor.Grains.Converge;
using static BkMonitor.UnitTests.Actions.ActionFixtures;

namespace BkMonitor.UnitTests.Actions;

public sealed class ValidatorTests
{
    private static ActionConfig Webhook(string executeConfig) => new()
    {
        Id = 7,
        Name = "hook",
        BkBizId = 2,
        PluginType = ActionPluginType.Webhook,
        ExecuteConfig = JsonDocument.Parse(executeConfig).RootElement,
    };

    [Fact]
    public void Valid_webhook_config_has_no_errors_and_reads_typed()
    {
        var config = Webhook("""{"url": "https://h.example/x", "method": "POST", "headers": {"X-Token": "t"}, "timeout": 5, "retries": 1}""");

        Assert.Empty(ActionConfigValidator.Validate(config));
        var webhook = WebhookConfigReader.Read(config);
        Assert.Equal(2, webhook.MaxAttempts);
        Assert.Equal(5, webhook.TimeoutSeconds);
    }

    [Fact]
    public void Webhook_errors_are_keyed_by_field()
    {
        var config = Webhook("""{"url": "ftp://h", "method": "BREW", "headers": {"Bad Name": "v"}, "timeout": 0, "retries": 50, "body_template": "{{#if x}}"}""");

        var errors = ActionConfigValidator.Validate(config);

        Assert.Equal(
            ["execute_config.url", "execute_config.method", "execute_config.headers", "execute_config.timeout", "execute_config.retries", "execute_config.body_template"],
            errors.Keys);
    }

    [Fact]
    public void Reading_an_invalid_webhook_config_throws_naming_the_fields()
    {
        var ex = Assert.Throws<ArgumentException>(() => WebhookConfigReader.Read(Webhook("""{"url": "nope"}""")));

        Assert.Contains("execute_config.url", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Action_config_needs_name_and_known_plugin_type()
    {
        var errors = ActionConfigValidator.Validate(new ActionConfig { PluginType = "telepathy" });

        Assert.Equal(["name", "plugin_type"], errors.Keys);
    }

    [Fact]
    public void Valid_user_group_has_no_errors()
        => Assert.Empty(UserGroupValidator.Validate(Ops));

    [Fact]
    public void User_group_errors_are_keyed_by_field()
    {
        var group = Ops with
        {
            Users = ["alice", ""],
            NoticeWays = new() { ["1"] = [NoticeWay.Mail, "pigeon"], ["7"] = [NoticeWay.WxworkBot] },
            MailAddresses = new() { ["alice"] = "not-an-address" },
        };

        var errors = UserGroupValidator.Validate(group);

        Assert.Equal(
            ["users[1]", "notice_ways.1[1]", "notice_ways", "wxwork_bot_webhook_url", "mail_addresses.alice"],
            errors.Keys);
    }

    [Fact]
    public void Notice_relation_errors_are_keyed_by_json_path()
    {
        var relation = NoticeRelation() with
        {
            Signal = ["abnormal", "exploded"],
            Options = new ActionRelationOptions
            {
                StartTime = "25:00",
                SkipDelay = -1,
                ConvergeConfig = new ConvergeConfig
                {
                    ConvergeFunc = "nope",
                    Condition = [new ConvergeCondition { Dimension = "colour" }],
                },
            },
            Config = new NoticeConfig
            {
                NotifyInterval = 30,
                IntervalNotifyMode = "sometimes",
                Template = [new NoticeTemplate { Signal = "abnormal", TitleTmpl = "{{#each}}" }],
            },
        };
        var errors = new ValidationErrors();

        NoticeRelationValidator.Validate(relation, "notice", errors);

        Assert.Equal(
            [
                "notice.signal[1]", "notice.options.start_time", "notice.options.skip_delay",
                "notice.options.converge_config.converge_func", "notice.options.converge_config.condition[0].dimension",
                "notice.config.notify_interval", "notice.config.interval_notify_mode", "notice.config.template[0].title_tmpl",
            ],
            errors.ByField.Keys);
    }

    [Fact]
    public void Default_notice_relation_is_valid()
    {
        var errors = new ValidationErrors();

        NoticeRelationValidator.Validate(NoticeRelation(), "notice", errors);

        Assert.True(errors.IsValid);
    }

    [Fact]
    public void Notice_relation_reads_from_strategy_json_with_defaults()
    {
        const string json = """
            {"id": 5, "config_id": 7, "user_groups": [1], "signal": ["abnormal"],
             "options": {"converge_config": {"is_enabled": true, "converge_func": "collect", "condition": [{"dimension": "strategy_id", "value": ["self"]}]},
                         "exclude_notice_ways": {"recovered": ["sms"]}},
             "config": {"interval_notify_mode": "increasing", "template": [{"signal": "abnormal", "title_tmpl": "T", "message_tmpl": "M"}]}}
            """;

        var relation = JsonSerializer.Deserialize<ActionRelation>(json)!;

        Assert.Equal("00:00:00", relation.Options.StartTime);
        Assert.Equal("23:59:59", relation.Options.EndTime);
        Assert.Equal(["sms"], relation.Options.ExcludeNoticeWays["recovered"]);
        Assert.True(relation.Config!.NeedPoll);
        Assert.Equal(3600, relation.Config.NotifyInterval);
        Assert.Equal(RepeatNoticePolicy.Increasing, relation.Config.IntervalNotifyMode);
        Assert.Equal(60, relation.Options.ConvergeConfig!.Timedelta);
    }
}
