using System.Globalization;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// The variables notice templates see (ALARM-SPEC §8): <c>alarm.*</c>, <c>strategy.*</c>,
/// <c>target.*</c> and <c>content.*</c> (ready-made labelled lines), as nested dictionaries.
/// </summary>
internal static class NoticeTemplateContext
{
    public static Dictionary<string, object?> Build(AlertSnapshot alert, TimeZoneInfo timeZone)
    {
        var duration = Math.Max(alert.LatestTime - (alert.FirstAnomalyTime ?? alert.BeginTime), 60);
        var durationText = DurationText.Format(duration);
        var levelName = AlarmLevel.Name(alert.Severity);
        var beginTime = LocalTime(alert.BeginTime, timeZone);
        var latestTime = LocalTime(alert.LatestTime, timeZone);
        var dimensionString = DimensionString(alert.Dimensions);
        var currentValue = alert.CurrentValue is { } v ? PythonStr.Float(v) : "";

        var alarm = new Dictionary<string, object?>
        {
            ["id"] = alert.Id,
            ["name"] = alert.AlertName,
            ["level"] = alert.Severity,
            ["level_name"] = levelName,
            ["signal"] = alert.Signal,
            ["signal_name"] = SignalName(alert.Signal),
            ["begin_time"] = beginTime,
            ["time"] = latestTime,
            ["duration"] = durationText,
            ["duration_string"] = durationText,
            ["duration_seconds"] = duration,
            ["dimension_string"] = dimensionString,
            ["dimensions"] = Dimensions(alert.Dimensions),
            ["current_value"] = currentValue,
            ["target_type"] = alert.TargetType,
            ["target"] = alert.Target,
            ["target_string"] = alert.Target,
            ["description"] = alert.Description,
            ["detail_url"] = alert.DetailUrl ?? "",
            ["bk_biz_id"] = alert.BkBizId,
        };
        var strategy = new Dictionary<string, object?>
        {
            ["id"] = alert.Strategy?.Id ?? 0,
            ["strategy_id"] = alert.Strategy?.Id ?? 0,
            ["name"] = alert.Strategy?.Name ?? "",
            ["bk_biz_id"] = alert.Strategy?.BkBizId ?? alert.BkBizId,
            ["scenario"] = alert.Strategy?.Scenario ?? "",
        };
        var target = new Dictionary<string, object?>
        {
            ["business"] = new Dictionary<string, object?> { ["bk_biz_id"] = alert.BkBizId },
            ["host"] = new Dictionary<string, object?>
            {
                ["bk_host_innerip"] = DimensionValue(alert, "bk_target_ip") ?? DimensionValue(alert, "ip") ?? "",
                ["bk_cloud_id"] = DimensionValue(alert, "bk_target_cloud_id") ?? DimensionValue(alert, "bk_cloud_id") ?? "",
            },
        };
        var content = new Dictionary<string, object?>
        {
            ["level"] = $"告警级别: {levelName}",
            ["begin_time"] = $"首次异常: {beginTime}",
            ["time"] = $"最近异常: {latestTime}",
            ["duration"] = $"持续时间: {durationText}",
            ["target_type"] = alert.TargetType.Length > 0 ? $"告警对象类型: {alert.TargetType}" : "",
            ["target"] = alert.Target.Length > 0 ? $"告警对象: {alert.Target}" : "",
            ["dimension"] = dimensionString.Length > 0 ? $"告警维度: {dimensionString}" : "",
            ["content"] = $"告警内容: {alert.Description}",
            ["current_value"] = currentValue.Length > 0 ? $"当前值: {currentValue}" : "",
            ["biz"] = $"告警业务: {alert.BkBizId.ToString(CultureInfo.InvariantCulture)}",
            ["detail"] = alert.DetailUrl is { Length: > 0 } url ? $"详情: {url}" : "",
        };
        return new Dictionary<string, object?>
        {
            ["alarm"] = alarm,
            ["strategy"] = strategy,
            ["target"] = target,
            ["content"] = content,
        };
    }

    public static string LocalTime(long epochSeconds, TimeZoneInfo timeZone) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(epochSeconds), timeZone)
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"key=value,key2=value2" using display names when present.</summary>
    public static string DimensionString(IReadOnlyList<AlertDimension> dimensions) =>
        string.Join(",", dimensions.Select(d => $"{d.DisplayKey ?? d.Key}={d.DisplayValue ?? d.Value}"));

    private static Dictionary<string, object?> Dimensions(IReadOnlyList<AlertDimension> dimensions)
    {
        var result = new Dictionary<string, object?>(dimensions.Count);
        foreach (var d in dimensions)
        {
            result[d.Key] = new Dictionary<string, object?>
            {
                ["value"] = d.Value,
                ["display_name"] = d.DisplayKey ?? d.Key,
                ["display_value"] = d.DisplayValue ?? d.Value,
            };
        }
        return result;
    }

    private static string? DimensionValue(AlertSnapshot alert, string key) =>
        alert.Dimensions.FirstOrDefault(d => d.Key == key)?.Value;

    private static string SignalName(string signal) => signal switch
    {
        ActionSignal.Abnormal => "告警触发",
        ActionSignal.NoData => "无数据告警",
        ActionSignal.Recovered => "告警恢复",
        ActionSignal.Closed => "告警关闭",
        ActionSignal.Ack => "告警确认",
        _ => signal,
    };
}
