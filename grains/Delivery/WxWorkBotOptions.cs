namespace BkMonitor.Grains.Delivery;

/// <summary>The WeCom group bot endpoint (…/cgi-bin/webhook/send?key=…); a user group may override it per notification.</summary>
public sealed class WxWorkBotOptions
{
    public string? WebhookUrl { get; init; }

    /// <summary>WeCom rejects markdown content above 4096 bytes (errcode 40058), so longer content is cut.</summary>
    public int MaxContentBytes { get; init; } = 4096;
}
