using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Actions;

/// <summary>Built-in notice title and message templates per signal.</summary>
internal static class DefaultNoticeTemplates
{
    private const string Body =
        "{{content.level}}\n{{content.begin_time}}\n{{content.time}}\n{{content.duration}}\n"
        + "{{#if content.target}}{{content.target}}\n{{/if}}"
        + "{{#if content.dimension}}{{content.dimension}}\n{{/if}}"
        + "{{content.content}}\n"
        + "{{#if content.current_value}}{{content.current_value}}\n{{/if}}"
        + "{{#if content.detail}}{{content.detail}}\n{{/if}}";

    private static readonly Dictionary<string, (string Title, string Message)> BySignal = new(StringComparer.Ordinal)
    {
        [ActionSignal.Abnormal] = ("[{{alarm.level_name}}] {{alarm.name}} - 告警触发", Body),
        [ActionSignal.NoData] = ("[{{alarm.level_name}}] {{alarm.name}} - 无数据告警", Body),
        [ActionSignal.Recovered] = ("[{{alarm.level_name}}] {{alarm.name}} - 告警已恢复", Body),
        [ActionSignal.Closed] = ("[{{alarm.level_name}}] {{alarm.name}} - 告警已关闭", Body),
        [ActionSignal.Ack] = ("[{{alarm.level_name}}] {{alarm.name}} - 告警已确认", Body),
    };

    public static (string Title, string Message) For(string signal) =>
        BySignal.TryGetValue(signal, out var t) ? t : BySignal[ActionSignal.Abnormal];
}
