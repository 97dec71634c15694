using System.Globalization;
using System.Text;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Builds the default webhook body: an Alertmanager webhook payload (version "4") carrying the
/// bk-monitor alarm fields as labels (alertname, severity, bk_biz_id, strategy_id, alert_id and the
/// dimensions) and annotations (description, current value, level, dimensions).
/// </summary>
internal static class AlertmanagerPayloadBuilder
{
    /// <summary>Go's zero time, which Alertmanager sends as endsAt of an open alert.</summary>
    public const string OpenEndsAt = "0001-01-01T00:00:00Z";

    public const string Firing = "firing";
    public const string Resolved = "resolved";

    private static readonly string[] ReservedLabels = ["alertname", "severity", "bk_biz_id", "strategy_id", "alert_id"];
    private static readonly string[] GroupingLabels = ["alertname", "bk_biz_id", "strategy_id"];

    /// <param name="receiver">The receiving action config's name.</param>
    /// <param name="externalUrl">This system's public base address.</param>
    /// <param name="maxAlerts">Keep at most this many alerts (0: all); the rest count as truncated.</param>
    public static AlertmanagerWebhookPayload Build(
        IReadOnlyList<AlertSnapshot> alerts, string receiver, string externalUrl, int maxAlerts = 0)
    {
        if (alerts.Count == 0) throw new ArgumentException("a webhook payload needs at least one alert", nameof(alerts));
        var items = alerts.Select(ToAlert).ToList();
        var common = Intersect(items.Select(a => a.Labels));
        var group = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in GroupingLabels)
        {
            if (common.TryGetValue(name, out var value)) group[name] = value;
        }
        var kept = maxAlerts > 0 && items.Count > maxAlerts ? items.GetRange(0, maxAlerts) : items;
        return new AlertmanagerWebhookPayload
        {
            GroupKey = GroupKey(group),
            TruncatedAlerts = items.Count - kept.Count,
            Status = items.Any(a => a.Status == Firing) ? Firing : Resolved,
            Receiver = receiver,
            GroupLabels = group,
            CommonLabels = common,
            CommonAnnotations = Intersect(items.Select(a => a.Annotations)),
            ExternalUrl = externalUrl,
            Alerts = kept,
        };
    }

    public static AlertmanagerWebhookAlert ToAlert(AlertSnapshot alert)
    {
        var labels = Labels(alert);
        var resolved = alert.Signal is ActionSignal.Recovered or ActionSignal.Closed;
        return new AlertmanagerWebhookAlert
        {
            Status = resolved ? Resolved : Firing,
            Labels = labels,
            Annotations = Annotations(alert),
            StartsAt = Rfc3339(alert.BeginTime),
            EndsAt = resolved ? Rfc3339(alert.EndTime ?? alert.LatestTime) : OpenEndsAt,
            GeneratorUrl = alert.DetailUrl ?? "",
            Fingerprint = LabelFingerprint.Of(labels),
        };
    }

    public static SortedDictionary<string, string> Labels(AlertSnapshot alert)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = alert.AlertName,
            ["severity"] = AlarmLevel.SeverityLabel(alert.Severity),
            ["bk_biz_id"] = alert.BkBizId.ToString(CultureInfo.InvariantCulture),
            ["strategy_id"] = (alert.Strategy?.Id ?? 0).ToString(CultureInfo.InvariantCulture),
            ["alert_id"] = alert.Id,
        };
        foreach (var d in alert.Dimensions)
        {
            // Prometheus drops empty labels; a dimension clashing with a reserved label is kept as exported_<name>.
            if (d.Value.Length == 0) continue;
            var name = LabelName(d.Key);
            if (Array.IndexOf(ReservedLabels, name) >= 0) name = "exported_" + name;
            labels.TryAdd(name, d.Value);
        }
        return labels;
    }

    private static SortedDictionary<string, string> Annotations(AlertSnapshot alert)
    {
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = $"[{AlarmLevel.Name(alert.Severity)}] {alert.AlertName}",
            ["description"] = alert.Description,
            ["level"] = alert.Severity.ToString(CultureInfo.InvariantCulture),
            ["level_name"] = AlarmLevel.Name(alert.Severity),
            ["signal"] = alert.Signal,
            ["dimensions"] = NoticeTemplateContext.DimensionString(alert.Dimensions),
        };
        if (alert.CurrentValue is { } v) annotations["current_value"] = PythonStr.Float(v);
        return annotations;
    }

    /// <summary>A Prometheus label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, other characters replaced by '_'.</summary>
    public static string LabelName(string key)
    {
        if (key.Length == 0) return "_";
        var sb = new StringBuilder(key.Length + 1);
        if (char.IsAsciiDigit(key[0])) sb.Append('_');
        foreach (var c in key) sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return sb.ToString();
    }

    public static string Rfc3339(long epochSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(epochSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Alertmanager's group key: route path ("{}" for the root route) and the group labels.
    private static string GroupKey(SortedDictionary<string, string> group) =>
        "{}:{" + string.Join(", ", group.Select(kv => $"{kv.Key}=\"{kv.Value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"")) + "}";

    private static SortedDictionary<string, string> Intersect(IEnumerable<SortedDictionary<string, string>> sets)
    {
        SortedDictionary<string, string>? common = null;
        foreach (var set in sets)
        {
            if (common is null)
            {
                common = new SortedDictionary<string, string>(set, StringComparer.Ordinal);
                continue;
            }
            foreach (var key in common.Keys.ToList())
            {
                if (!set.TryGetValue(key, out var v) || v != common[key]) common.Remove(key);
            }
        }
        return common ?? new SortedDictionary<string, string>(StringComparer.Ordinal);
    }
}
