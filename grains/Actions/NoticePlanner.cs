using System.Globalization;
using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Turns an alert signal, its notice relation and the user groups into deliveries: signal and
/// <c>skip_delay</c> checks, the daily time window, the ways of each group for the alert's level
/// minus <c>exclude_notice_ways</c>, one delivery per (way, receiver) across groups. Ways this
/// deployment cannot send, unknown ways and missing channel settings become failed deliveries.
/// </summary>
internal sealed class NoticePlanner
{
    private readonly IReadOnlySet<string> _sendableWays;

    /// <param name="sendableWays">Notice ways that have a configured sender here.</param>
    public NoticePlanner(IReadOnlySet<string> sendableWays) => _sendableWays = sendableWays;

    /// <param name="request">The alert, relation and round to plan.</param>
    /// <param name="userGroups">User groups by id.</param>
    public NoticePlan Plan(NoticePlanRequest request, IReadOnlyDictionary<int, UserGroup> userGroups)
    {
        var alert = request.Alert;
        var relation = request.Relation;
        if (!ReactsTo(relation, alert.Signal))
        {
            return new NoticePlan { Outcome = NoticePlanOutcome.NotForSignal, Reason = $"relation {relation.Id} does not handle signal {alert.Signal}" };
        }
        if (SkipDelayRule.ShouldSkip(relation, alert.BeginTime, request.Now))
        {
            return new NoticePlan { Outcome = NoticePlanOutcome.Skipped, Reason = SkipDelayRule.Reason(relation.Options.SkipDelay) };
        }
        var window = NoticeTimeWindow.Parse(relation.Options.StartTime, relation.Options.EndTime);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(request.Now), request.TimeZone);
        var localTime = TimeOnly.FromTimeSpan(local.TimeOfDay);
        if (!window.Contains(localTime))
        {
            return new NoticePlan
            {
                Outcome = NoticePlanOutcome.OutsideTimeWindow,
                Reason = $"current time ({localTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}) is outside the notice time range [{window}]",
            };
        }

        var excluded = relation.Options.ExcludeNoticeWays.GetValueOrDefault(alert.Signal) ?? [];
        var builder = new DeliveryBuilder(request, _sendableWays, excluded);
        foreach (var groupId in request.UserGroupIds ?? relation.UserGroups)
        {
            if (!userGroups.TryGetValue(groupId, out var group))
            {
                builder.Warnings.Add($"user group {groupId} not found");
                continue;
            }
            builder.AddGroup(group, alert.Severity);
        }

        if (builder.Deliveries.Count == 0)
        {
            var why = builder.Warnings.Count > 0 ? string.Join("; ", builder.Warnings) : "no user group to notify";
            return new NoticePlan { Outcome = NoticePlanOutcome.NoDeliveries, Reason = why, Warnings = builder.Warnings };
        }
        return new NoticePlan { Outcome = NoticePlanOutcome.Send, Deliveries = builder.Deliveries, Warnings = builder.Warnings };
    }

    // On the notice relation no_data follows abnormal.
    private static bool ReactsTo(ActionRelation relation, string signal) =>
        relation.Signal.Contains(signal)
        || (signal == ActionSignal.NoData && relation.Signal.Contains(ActionSignal.Abnormal));
}

/// <summary>Input of <see cref="NoticePlanner.Plan"/>.</summary>
internal sealed record NoticePlanRequest
{
    public required AlertSnapshot Alert { get; init; }

    public required ActionRelation Relation { get; init; }

    /// <summary>Epoch seconds.</summary>
    public required long Now { get; init; }

    /// <summary>The business's time zone, for the daily time window.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Repeat round (the relation's execute_times); part of each idempotency key.</summary>
    public int Round { get; init; }

    /// <summary>The configured group robot (<c>BkMonitor:Alarm:WxWorkBot:WebhookUrl</c>) for groups without their own.</summary>
    public string? DefaultWxWorkBotUrl { get; init; }

    /// <summary>Overrides the relation's groups, e.g. the upgrade group of an upgrade notice.</summary>
    public IReadOnlyList<int>? UserGroupIds { get; init; }
}
