using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Actions;

/// <summary>Validates a user group as <c>POST /api/v1/user_groups</c> receives it.</summary>
internal static class UserGroupValidator
{
    private static readonly string[] Levels = ["1", "2", "3"];

    public static Dictionary<string, List<string>> Validate(UserGroup group)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(group.Name)) errors.Add("name", "is required");
        if (group.BkBizId < 0) errors.Add("bk_biz_id", "must not be negative");
        for (var i = 0; i < group.Users.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(group.Users[i])) errors.Add($"users[{i}]", "must not be empty");
        }
        var usesBot = false;
        foreach (var (level, ways) in group.NoticeWays)
        {
            if (Array.IndexOf(Levels, level) < 0) errors.Add("notice_ways", $"level '{level}' must be 1, 2 or 3");
            for (var i = 0; i < ways.Count; i++)
            {
                if (!NoticeWay.All.Contains(ways[i]))
                {
                    errors.Add($"notice_ways.{level}[{i}]", $"unknown notice way '{ways[i]}', expected one of {string.Join(", ", NoticeWay.All)}");
                }
                usesBot |= ways[i] == NoticeWay.WxworkBot;
            }
        }
        if (usesBot && !IsHttpUrl(group.WxworkBotWebhookUrl))
        {
            errors.Add("wxwork_bot_webhook_url", "an absolute http(s) URL is required when wxwork-bot is a notice way");
        }
        foreach (var (user, address) in group.MailAddresses)
        {
            if (!address.Contains('@')) errors.Add($"mail_addresses.{user}", $"'{address}' is not a mail address");
        }
        return errors.ByField;
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
}
