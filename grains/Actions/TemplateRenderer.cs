using System.Collections.Concurrent;
using System.Text.Json;
using HandlebarsDotNet;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Renders Handlebars templates (plain text, no HTML escaping). A missing variable renders as an
/// empty string, like bk-monitor's Jinja2 templates; a syntax or render error becomes a
/// <see cref="TemplateRenderException"/>. Compiled templates are cached by text. Helper
/// <c>{{json x}}</c> writes <c>x</c> as a JSON value, for JSON bodies.
/// </summary>
internal sealed class TemplateRenderer
{
    private const int MaxCachedTemplates = 1024;

    private readonly IHandlebars _handlebars;
    private readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> _compiled = new(StringComparer.Ordinal);

    public TemplateRenderer()
    {
        _handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
        _handlebars.RegisterHelper("json", (context, arguments) =>
            JsonSerializer.Serialize(arguments.Length > 0 ? arguments[0] : null, WebhookBodyBuilder.JsonOptions));
    }

    public static TemplateRenderer Shared { get; } = new();

    public string Render(string templateName, string template, object context)
    {
        var compiled = Compile(templateName, template);
        try
        {
            return compiled(context);
        }
        catch (HandlebarsException ex)
        {
            throw new TemplateRenderException(templateName, ex.Message, ex);
        }
    }

    /// <summary>Compiles a template once, so config validation can reject it before it is ever used.</summary>
    public void Validate(string templateName, string template) => Compile(templateName, template);

    private HandlebarsTemplate<object, object> Compile(string templateName, string template)
    {
        if (_compiled.TryGetValue(template, out var cached)) return cached;
        HandlebarsTemplate<object, object> compiled;
        try
        {
            compiled = _handlebars.Compile(template);
        }
        catch (HandlebarsException ex)
        {
            throw new TemplateRenderException(templateName, ex.Message, ex);
        }
        // Templates come from configs, so the set is small; the bound guards against a flood.
        if (_compiled.Count >= MaxCachedTemplates) _compiled.Clear();
        _compiled[template] = compiled;
        return compiled;
    }
}
