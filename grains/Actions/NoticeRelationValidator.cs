using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Converge;

namespace BkMonitor.Grains.Actions;

/// <summary>Validates a strategy's notice/action relation; paths are prefixed with the caller's (e.g. <c>notice</c>).</summary>
internal static class NoticeRelationValidator
{
    public const int MinNotifyInterval = 60;

    public static void Validate(ActionRelation relation, string path, ValidationErrors errors)
    {
        for (var i = 0; i < relation.Signal.Count; i++)
        {
            if (!ActionSignal.All.Contains(relation.Signal[i])) errors.Add($"{path}.signal[{i}]", $"unknown signal '{relation.Signal[i]}'");
        }
        var options = relation.Options;
        if (!NoticeTimeWindow.TryParseTime(options.StartTime, out _)) errors.Add($"{path}.options.start_time", "must be \"HH:MM:SS\"");
        if (!NoticeTimeWindow.TryParseTime(options.EndTime, out _)) errors.Add($"{path}.options.end_time", "must be \"HH:MM:SS\"");
        if (options.SkipDelay < 0) errors.Add($"{path}.options.skip_delay", "must not be negative");
        foreach (var (signal, ways) in options.ExcludeNoticeWays)
        {
            foreach (var way in ways)
            {
                if (!NoticeWay.All.Contains(way)) errors.Add($"{path}.options.exclude_notice_ways.{signal}", $"unknown notice way '{way}'");
            }
        }
        if (options.ConvergeConfig is { } converge)
        {
            var p = $"{path}.options.converge_config";
            if (!ConvergeFunction.All.Contains(converge.ConvergeFunc)) errors.Add($"{p}.converge_func", $"unknown converge function '{converge.ConvergeFunc}'");
            if (converge.Timedelta <= 0) errors.Add($"{p}.timedelta", "must be positive");
            if (converge.Count < 0) errors.Add($"{p}.count", "must not be negative");
            for (var i = 0; i < converge.Condition.Count; i++)
            {
                if (!ConvergeDimension.All.Contains(converge.Condition[i].Dimension))
                {
                    errors.Add($"{p}.condition[{i}].dimension", $"unknown converge dimension '{converge.Condition[i].Dimension}'");
                }
            }
        }
        if (options.UpgradeConfig is { IsEnabled: true } upgrade)
        {
            if (upgrade.UpgradeInterval <= 0) errors.Add($"{path}.options.upgrade_config.upgrade_interval", "must be positive (minutes)");
            if (upgrade.UserGroups.Count == 0) errors.Add($"{path}.options.upgrade_config.user_groups", "is required when upgrade is enabled");
        }
        if (relation.Config is { } config)
        {
            if (config.NotifyInterval < MinNotifyInterval) errors.Add($"{path}.config.notify_interval", $"must be at least {MinNotifyInterval} seconds");
            if (config.IntervalNotifyMode is not (RepeatNoticePolicy.Standard or RepeatNoticePolicy.Increasing))
            {
                errors.Add($"{path}.config.interval_notify_mode", "must be standard or increasing");
            }
            for (var i = 0; i < config.Template.Count; i++) ValidateTemplate(config.Template[i], $"{path}.config.template[{i}]", errors);
        }
    }

    private static void ValidateTemplate(NoticeTemplate template, string path, ValidationErrors errors)
    {
        foreach (var (field, text) in new[] { ("title_tmpl", template.TitleTmpl), ("message_tmpl", template.MessageTmpl) })
        {
            if (string.IsNullOrEmpty(text)) continue;
            try
            {
                TemplateRenderer.Shared.Validate($"{path}.{field}", text);
            }
            catch (TemplateRenderException ex)
            {
                errors.Add($"{path}.{field}", ex.Message);
            }
        }
    }
}
