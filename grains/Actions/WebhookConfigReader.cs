using System.Text.Json;
using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Actions;

/// <summary>Reads and validates the execute_config of a webhook action config.</summary>
internal static class WebhookConfigReader
{
    public const int MaxTimeoutSeconds = 300;
    public const int MaxRetries = 10;

    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "POST", "PUT", "PATCH", "DELETE" };

    /// <summary>The typed config, or an <see cref="ArgumentException"/> naming the invalid fields.</summary>
    public static WebhookExecuteConfig Read(ActionConfig config)
    {
        var errors = new ValidationErrors();
        var webhook = Read(config.ExecuteConfig, "execute_config", errors);
        if (webhook is null || !errors.IsValid)
        {
            var detail = string.Join("; ", errors.ByField.Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}"));
            throw new ArgumentException($"action config {config.Id} has an invalid webhook execute_config: {detail}");
        }
        return webhook;
    }

    public static WebhookExecuteConfig? Read(JsonElement? element, string path, ValidationErrors errors)
    {
        if (element is not { ValueKind: JsonValueKind.Object } json)
        {
            errors.Add(path, "must be an object with url, method, headers");
            return null;
        }
        WebhookExecuteConfig? webhook;
        try
        {
            webhook = json.Deserialize<WebhookExecuteConfig>();
        }
        catch (JsonException ex)
        {
            errors.Add(path, $"cannot be read: {ex.Message}");
            return null;
        }
        if (webhook is null)
        {
            errors.Add(path, "is required");
            return null;
        }
        Validate(webhook, path, errors);
        return webhook;
    }

    private static void Validate(WebhookExecuteConfig webhook, string path, ValidationErrors errors)
    {
        if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{path}.url", "must be an absolute http or https URL");
        }
        if (!Methods.Contains(webhook.Method))
        {
            errors.Add($"{path}.method", $"must be one of {string.Join(", ", Methods)}");
        }
        foreach (var (name, value) in webhook.Headers)
        {
            if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                errors.Add($"{path}.headers", $"'{name}' is not a valid header name");
            }
            if (value.Contains('\r') || value.Contains('\n'))
            {
                errors.Add($"{path}.headers.{name}", "must not contain line breaks");
            }
        }
        if (webhook.Timeout is { } timeout and (< 1 or > MaxTimeoutSeconds))
        {
            errors.Add($"{path}.timeout", $"must be between 1 and {MaxTimeoutSeconds} seconds");
        }
        if (webhook.Retries is { } retries and (< 0 or > MaxRetries))
        {
            errors.Add($"{path}.retries", $"must be between 0 and {MaxRetries}");
        }
        if (!string.IsNullOrEmpty(webhook.BodyTemplate))
        {
            try
            {
                TemplateRenderer.Shared.Validate($"{path}.body_template", webhook.BodyTemplate);
            }
            catch (TemplateRenderException ex)
            {
                errors.Add($"{path}.body_template", ex.Message);
            }
        }
    }
}
