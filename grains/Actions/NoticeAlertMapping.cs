using System.Text.Json;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Strategies;
using ApiAlert = BkMonitor.GrainInterfaces.Alerts.AlertSnapshot;
using NoticeAlert = BkMonitor.GrainInterfaces.Actions.AlertSnapshot;
using NoticeDimension = BkMonitor.GrainInterfaces.Actions.AlertDimension;

namespace BkMonitor.Grains.Actions;

/// <summary>Maps an alert as the API shows it to the notice input of the action plugins (signal, strategy, current value, link).</summary>
internal static class NoticeAlertMapping
{
    public static NoticeAlert ToNotice(ApiAlert alert, string signal, Strategy? strategy, string externalUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var dimensions = new List<NoticeDimension>(alert.Dimensions.Count);
        foreach (var d in alert.Dimensions)
        {
            dimensions.Add(new NoticeDimension { Key = d.Key, Value = d.Value ?? "", DisplayKey = d.DisplayKey, DisplayValue = d.DisplayValue });
        }
        return new NoticeAlert
        {
            Id = alert.Id,
            AlertName = alert.AlertName,
            Severity = alert.Severity,
            Signal = signal,
            BkBizId = (int)alert.BkBizId,
            BeginTime = alert.BeginTime,
            LatestTime = alert.LatestTime,
            FirstAnomalyTime = alert.FirstAnomalyTime,
            EndTime = alert.EndTime,
            Dimensions = dimensions,
            CurrentValue = CurrentValue(alert.Event),
            Description = alert.Event.Description,
            TargetType = alert.Event.TargetType,
            Target = alert.Event.Target ?? "",
            Strategy = strategy is null ? null : new GrainInterfaces.Actions.StrategyRef
            {
                Id = (int)strategy.Id, Name = strategy.Name, BkBizId = (int)strategy.BkBizId, Scenario = strategy.Scenario,
            },
            DetailUrl = $"{externalUrl.TrimEnd('/')}/api/v1/alerts/{alert.Id}",
        };
    }

    public static string SignalName(AlertSignal signal) => JsonSerializer.Serialize(signal).Trim('"');

    private static double? CurrentValue(AlertEvent ev) =>
        ev.Extra is { ValueKind: JsonValueKind.Object } extra && extra.TryGetProperty("current_value", out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;
}
