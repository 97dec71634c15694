using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Actions;
using static BkMonitor.UnitTests.Actions.ActionFixtures;

namespace BkMonitor.UnitTests.Actions;

public sealed class NoticeTemplateTests
{
    private static readonly TemplateRenderer Renderer = new();

    private static string Render(string template, AlertSnapshot? alert = null) =>
        Renderer.Render("test", template, NoticeTemplateContext.Build(alert ?? Alert(), TimeZoneInfo.Utc));

    [Fact]
    public void Alarm_variables_render()
    {
        var text = Render("{{alarm.id}}|{{alarm.name}}|{{alarm.level}}|{{alarm.level_name}}|{{alarm.begin_time}}|{{alarm.duration}}");

        Assert.Equal("17000000001|CPU usage high|1|致命|2023-11-14 22:13:20|1h 5m", text);
    }

    [Fact]
    public void Alarm_detail_variables_render()
    {
        var text = Render("{{alarm.dimension_string}}|{{alarm.current_value}}|{{alarm.target_type}}|{{alarm.target}}|{{alarm.description}}");

        Assert.Equal("目标IP=10.0.0.1,device=eth0|96.5|HOST|10.0.0.1|0|AVG(usage) >= 95.0, current 96.5", text);
    }

    [Fact]
    public void Strategy_target_and_dimension_variables_render()
    {
        var text = Render("{{strategy.id}}|{{strategy.name}}|{{strategy.bk_biz_id}}|{{target.host.bk_host_innerip}}|{{alarm.dimensions.device.value}}");

        Assert.Equal("11|CPU watch|2|10.0.0.1|eth0", text);
    }

    [Fact]
    public void Content_variables_are_labelled_lines()
    {
        Assert.Equal("告警级别: 预警", Render("{{content.level}}", Alert(severity: 2)));
        Assert.Equal("当前值: 96.5", Render("{{content.current_value}}"));
    }

    [Theory]
    [InlineData(1, "致命")]
    [InlineData(2, "预警")]
    [InlineData(3, "提醒")]
    public void Level_names_follow_bk_monitor(int level, string name)
        => Assert.Equal(name, Render("{{alarm.level_name}}", Alert(severity: level)));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(130, "2m 10s")]
    [InlineData(3900, "1h 5m")]
    [InlineData(3605, "1h 5s")]
    [InlineData(3600, "1h")]
    [InlineData(97_200, "1d 3h")]
    public void Duration_shows_the_two_largest_non_zero_units(long seconds, string expected)
        => Assert.Equal(expected, DurationText.Format(seconds));

    [Fact]
    public void Duration_is_at_least_a_minute()
    {
        var alert = Alert() with { LatestTime = Begin + 5 };

        Assert.Equal("1m|60", Render("{{alarm.duration}}|{{alarm.duration_seconds}}", alert));
    }

    [Fact]
    public void Missing_variable_renders_empty()
        => Assert.Equal("[]", Render("[{{alarm.no_such_field}}{{nothing.here}}]"));

    [Fact]
    public void Values_are_not_html_escaped()
        => Assert.Equal("AVG(usage) >= 95.0, current 96.5", Render("{{alarm.description}}"));

    [Fact]
    public void Syntax_error_is_a_clear_template_error()
    {
        var ex = Assert.Throws<TemplateRenderException>(() => Renderer.Render("abnormal.title_tmpl", "{{#if alarm.id}} open", new { }));

        Assert.Equal("abnormal.title_tmpl", ex.TemplateName);
        Assert.StartsWith("template 'abnormal.title_tmpl' is invalid: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_helper_is_a_clear_template_error()
        => Assert.Throws<TemplateRenderException>(() => Render("{{frobnicate alarm.id}}"));

    [Fact]
    public void Json_helper_writes_json_values()
        // A JSON body needs a space before its closing brace: "}}}" is Handlebars' triple-stash.
        => Assert.Equal("{\"name\":\"CPU usage high\",\"v\":\"96.5\" }", Render("{\"name\":{{json alarm.name}},\"v\":{{json alarm.current_value}} }"));

    [Theory]
    [InlineData(ActionSignal.Abnormal, "[致命] CPU usage high - 告警触发")]
    [InlineData(ActionSignal.NoData, "[致命] CPU usage high - 无数据告警")]
    [InlineData(ActionSignal.Recovered, "[致命] CPU usage high - 告警已恢复")]
    [InlineData(ActionSignal.Closed, "[致命] CPU usage high - 告警已关闭")]
    [InlineData(ActionSignal.Ack, "[致命] CPU usage high - 告警已确认")]
    public void Default_title_per_signal(string signal, string title)
        => Assert.Equal(title, NoticeContentRenderer.Render(Alert(signal), null, TimeZoneInfo.Utc, Renderer).Title);

    [Fact]
    public void Default_message_lists_the_alert_and_skips_empty_lines()
    {
        var alert = Alert() with { Dimensions = [], CurrentValue = null };

        var message = NoticeContentRenderer.Render(alert, null, TimeZoneInfo.Utc, Renderer).Message;

        Assert.Equal(
            "告警级别: 致命\n首次异常: 2023-11-14 22:13:20\n最近异常: 2023-11-14 23:18:20\n持续时间: 1h 5m\n"
            + "告警对象: 10.0.0.1|0\n告警内容: AVG(usage) >= 95.0, current 96.5\n",
            message);
    }

    [Fact]
    public void Relation_template_for_the_signal_replaces_the_default()
    {
        var config = new NoticeConfig
        {
            Template = [new NoticeTemplate { Signal = ActionSignal.Abnormal, TitleTmpl = "ALERT {{alarm.id}}", MessageTmpl = "" }],
        };

        var content = NoticeContentRenderer.Render(Alert(), config, TimeZoneInfo.Utc, Renderer);

        Assert.Equal("ALERT 17000000001", content.Title);
        Assert.StartsWith("告警级别: 致命", content.Message, StringComparison.Ordinal);
        Assert.Equal("[致命] CPU usage high - 告警已恢复", NoticeContentRenderer.Render(Alert(ActionSignal.Recovered), config, TimeZoneInfo.Utc, Renderer).Title);
    }

    [Fact]
    public void Times_are_shown_in_the_business_time_zone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var text = Renderer.Render("t", "{{alarm.begin_time}}", NoticeTemplateContext.Build(Alert(), shanghai));

        Assert.Equal("2023-11-15 06:13:20", text);
    }
}
