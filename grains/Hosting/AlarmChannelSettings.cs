using System.Globalization;
using BkMonitor.Grains.Delivery;
using Microsoft.Extensions.Configuration;

namespace BkMonitor.Grains.Hosting;

/// <summary>
/// Reads the notice channels of <c>BkMonitor:Alarm</c>: <c>WxWorkBot:WebhookUrl</c> and <c>Smtp:{Host, Port, From,
/// UserName, Password, StartTls}</c>. Without <c>Smtp:Host</c> the mail way stays unconfigured.
/// </summary>
internal static class AlarmChannelSettings
{
    public static void Apply(IConfigurationSection section, AlarmOptions options)
    {
        if (section["WxWorkBot:WebhookUrl"] is { Length: > 0 } botUrl) options.WxWorkBot = new WxWorkBotOptions { WebhookUrl = botUrl };
        var smtp = section.GetSection("Smtp");
        if (smtp["Host"] is not { Length: > 0 } host) return;
        options.Smtp = new SmtpOptions
        {
            Host = host,
            Port = smtp["Port"] is { Length: > 0 } port ? int.Parse(port, CultureInfo.InvariantCulture) : 25,
            From = smtp["From"] ?? "",
            UserName = smtp["UserName"],
            Password = smtp["Password"],
            StartTls = bool.TryParse(smtp["StartTls"], out var startTls) && startTls,
        };
    }
}
