using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Actions;

/// <summary>Collects the deliveries of a notice plan, one per (way, receiver), first group winning.</summary>
internal sealed class DeliveryBuilder
{
    private readonly NoticePlanRequest _request;
    private readonly IReadOnlySet<string> _sendableWays;
    private readonly List<string> _excludedWays;
    private readonly HashSet<(string Way, string Receiver)> _seen = [];

    public DeliveryBuilder(NoticePlanRequest request, IReadOnlySet<string> sendableWays, List<string> excludedWays)
    {
        _request = request;
        _sendableWays = sendableWays;
        _excludedWays = excludedWays;
    }

    public List<NoticeDelivery> Deliveries { get; } = [];

    public List<string> Warnings { get; } = [];

    public void AddGroup(UserGroup group, int severity)
    {
        var level = severity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!group.NoticeWays.TryGetValue(level, out var ways) || ways.Count == 0)
        {
            Warnings.Add($"user group '{group.Name}' ({group.Id}) has no notice way for level {level}");
            return;
        }
        var users = group.Users.Where(u => !string.IsNullOrWhiteSpace(u)).ToList();
        foreach (var way in ways)
        {
            if (_excludedWays.Contains(way)) continue;
            AddWay(group, way, users);
        }
    }

    private void AddWay(UserGroup group, string way, List<string> users)
    {
        if (!NoticeWay.All.Contains(way))
        {
            foreach (var user in users) Add(group, way, user, user, $"unknown notice way '{way}'");
            return;
        }
        var unsendable = _sendableWays.Contains(way) ? null : $"no sender is configured for notice way '{way}'";
        switch (way)
        {
            case NoticeWay.WxworkBot:
                var url = string.IsNullOrWhiteSpace(group.WxworkBotWebhookUrl) ? _request.DefaultWxWorkBotUrl : group.WxworkBotWebhookUrl;
                if (string.IsNullOrWhiteSpace(url))
                {
                    Add(group, way, $"user_group:{group.Id}", "",
                        $"user group '{group.Name}' has no wxwork-bot webhook url and none is configured (BkMonitor:Alarm:WxWorkBot:WebhookUrl)");
                }
                else
                {
                    Add(group, way, url, url, unsendable);
                }
                break;
            case NoticeWay.Voice:
                // A voice notice calls the group's users in order until one answers: one delivery.
                if (users.Count > 0) Add(group, way, string.Join(",", users), string.Join(",", users), unsendable);
                break;
            case NoticeWay.Mail:
                foreach (var user in users)
                {
                    var address = group.MailAddresses.GetValueOrDefault(user) ?? (user.Contains('@') ? user : null);
                    Add(group, way, user, address ?? "",
                        unsendable ?? (address is null ? $"user group '{group.Name}' has no mail address for user '{user}'" : null));
                }
                break;
            default:
                foreach (var user in users) Add(group, way, user, user, unsendable);
                break;
        }
    }

    private void Add(UserGroup group, string way, string receiver, string target, string? failure)
    {
        if (!_seen.Add((way, receiver))) return;
        Deliveries.Add(new NoticeDelivery
        {
            Way = way,
            Receiver = receiver,
            Target = target,
            UserGroupId = group.Id,
            FailureReason = failure,
            IdempotencyKey = IdempotencyKey.For(
                _request.Alert.Id, _request.Alert.Signal, _request.Round, _request.Relation.ConfigId, way, receiver),
        });
    }
}
