using System.Text.Encodings.Web;
using System.Text.Json;
using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// The request body of a webhook action: the Alertmanager v4 payload as JSON, or the config's
/// <c>body_template</c> rendered with the notice variables plus <c>payload</c> (the v4 payload) and
/// <c>alerts</c>.
/// </summary>
internal static class WebhookBodyBuilder
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Receivers read Chinese alert names; keep them readable instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static WebhookBody Build(
        WebhookExecuteConfig config, IReadOnlyList<AlertSnapshot> alerts, string receiver, string externalUrl,
        TimeZoneInfo timeZone, TemplateRenderer? renderer = null)
    {
        var payload = AlertmanagerPayloadBuilder.Build(alerts, receiver, externalUrl);
        if (string.IsNullOrEmpty(config.BodyTemplate))
        {
            return new WebhookBody(JsonSerializer.Serialize(payload, JsonOptions), "application/json");
        }
        var context = NoticeTemplateContext.Build(alerts[0], timeZone);
        context["payload"] = JsonValues.ToPlain(JsonSerializer.SerializeToElement(payload, JsonOptions));
        context["alerts"] = alerts.Select(a => NoticeTemplateContext.Build(a, timeZone)["alarm"]).ToList();
        var body = (renderer ?? TemplateRenderer.Shared).Render("execute_config.body_template", config.BodyTemplate, context);
        return new WebhookBody(body, LooksLikeJson(body) ? "application/json" : "text/plain; charset=utf-8");
    }

    private static bool LooksLikeJson(string body)
    {
        var trimmed = body.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] is '{' or '[';
    }
}

/// <summary>A rendered request body and its content type.</summary>
internal sealed record WebhookBody(string Content, string ContentType);
