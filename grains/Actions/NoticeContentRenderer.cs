using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Actions;

/// <summary>Renders a notice's title and message: the relation's template for the signal, else the default.</summary>
internal static class NoticeContentRenderer
{
    public static NoticeContent Render(AlertSnapshot alert, NoticeConfig? config, TimeZoneInfo timeZone, TemplateRenderer? renderer = null)
    {
        renderer ??= TemplateRenderer.Shared;
        var defaults = DefaultNoticeTemplates.For(alert.Signal);
        var custom = config?.Template.FirstOrDefault(t => t.Signal == alert.Signal);
        var title = string.IsNullOrEmpty(custom?.TitleTmpl) ? defaults.Title : custom.TitleTmpl;
        var message = string.IsNullOrEmpty(custom?.MessageTmpl) ? defaults.Message : custom.MessageTmpl;
        var context = NoticeTemplateContext.Build(alert, timeZone);
        return new NoticeContent(
            renderer.Render($"{alert.Signal}.title_tmpl", title, context),
            renderer.Render($"{alert.Signal}.message_tmpl", message, context));
    }
}

/// <summary>A rendered notice.</summary>
internal sealed record NoticeContent(string Title, string Message);
