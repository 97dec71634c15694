using System.Globalization;
using System.Text.Json;

namespace BkMonitor.Grains.TimeSeries;

/// <summary>
/// Parses bk-monitor's custom report body <c>{data_id, access_token, data: [{metrics, target, dimension,
/// timestamp (ms)}]}</c>. Validation is all-or-nothing: any invalid point rejects the whole report, so a
/// client never has to guess which half was stored.
/// </summary>
public sealed class CustomReportParser(CustomReportLimits limits)
{
    private const int MaxErrors = 20;

    public (CustomReport? Report, Dictionary<string, List<string>> Errors) Parse(JsonElement body, long nowSeconds)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            Add(errors, "$", "The body must be a JSON object {data_id, access_token, data}.");
            return (null, errors);
        }
        var dataId = ReadDataId(body, errors);
        var token = body.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } s ? s : null;
        if (token is null) Add(errors, "access_token", "Required: the data source's access token.");
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            Add(errors, "data", "Required: an array of points.");
            return (null, errors);
        }
        var samples = new List<CustomReportSample>();
        var index = 0;
        foreach (var point in data.EnumerateArray())
        {
            ReadPoint(point, $"data[{index++}]", nowSeconds, samples, errors);
            if (samples.Count > limits.MaxSamples) throw new CustomReportTooLargeException(limits.MaxSamples);
            if (errors.Count >= MaxErrors) break;
        }
        if (index == 0) Add(errors, "data", "At least one point is required.");
        return errors.Count > 0 || dataId is null || token is null
            ? (null, errors)
            : (new CustomReport(dataId.Value, token, samples), errors);
    }

    private static long? ReadDataId(JsonElement body, Dictionary<string, List<string>> errors)
    {
        if (body.TryGetProperty("data_id", out var id))
        {
            if (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var n) && n > 0) return n;
            if (id.ValueKind == JsonValueKind.String && long.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n) && n > 0) return n;
        }
        Add(errors, "data_id", "Required: a positive integer data id.");
        return null;
    }

    private void ReadPoint(JsonElement point, string path, long nowSeconds, List<CustomReportSample> samples, Dictionary<string, List<string>> errors)
    {
        if (point.ValueKind != JsonValueKind.Object)
        {
            Add(errors, path, "Each point must be an object {metrics, target, dimension, timestamp}.");
            return;
        }
        var time = ReadTimestamp(point, path, nowSeconds, errors);
        var dims = ReadDimensions(point, path, errors);
        if (!point.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
        {
            Add(errors, path + ".metrics", "Required: an object of metric name → number.");
            return;
        }
        var any = false;
        foreach (var metric in metrics.EnumerateObject())
        {
            any = true;
            var metricPath = $"{path}.metrics.{metric.Name}";
            if (metric.Name.Length == 0 || metric.Name.Length > limits.MaxNameLength)
            {
                Add(errors, metricPath, $"Metric names must have 1..{limits.MaxNameLength} characters.");
            }
            else if (metric.Value.ValueKind == JsonValueKind.Null)
            {
                continue; // a None value is dropped, as in access
            }
            else if (metric.Value.ValueKind != JsonValueKind.Number || !metric.Value.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                Add(errors, metricPath, "Must be a finite number (NaN and Infinity are not accepted).");
            }
            else if (time is { } ts && dims is not null)
            {
                samples.Add(new CustomReportSample(metric.Name, dims, ts, value));
            }
        }
        if (!any) Add(errors, path + ".metrics", "At least one metric is required.");
    }

    private long? ReadTimestamp(JsonElement point, string path, long nowSeconds, Dictionary<string, List<string>> errors)
    {
        if (!point.TryGetProperty("timestamp", out var ts) || ts.ValueKind != JsonValueKind.Number || !ts.TryGetInt64(out var ms))
        {
            Add(errors, path + ".timestamp", "Required: epoch milliseconds as an integer.");
            return null;
        }
        var seconds = Math.DivRem(ms, 1000, out var rem) - (rem < 0 ? 1 : 0);
        if (seconds > nowSeconds + (long)limits.MaxFuture.TotalSeconds)
        {
            Add(errors, path + ".timestamp", $"Is more than {limits.MaxFuture.TotalMinutes:0} minutes in the future (is it in seconds instead of milliseconds?).");
            return null;
        }
        if (seconds < nowSeconds - (long)limits.MaxPast.TotalSeconds)
        {
            Add(errors, path + ".timestamp", $"Is older than the retention of {limits.MaxPast.TotalDays:0.#} days.");
            return null;
        }
        return seconds;
    }

    // bk-monitor adds the report's target as a dimension; dimension values are strings.
    private SeriesKey? ReadDimensions(JsonElement point, string path, Dictionary<string, List<string>> errors)
    {
        var dims = new List<KeyValuePair<string, string>>();
        if (point.TryGetProperty("target", out var target) && target.ValueKind is not JsonValueKind.Null)
        {
            if (target.ValueKind != JsonValueKind.String)
            {
                Add(errors, path + ".target", "Must be a string.");
                return null;
            }
            dims.Add(new("target", target.GetString()!));
        }
        if (point.TryGetProperty("dimension", out var dimension) && dimension.ValueKind is not JsonValueKind.Null)
        {
            if (dimension.ValueKind != JsonValueKind.Object)
            {
                Add(errors, path + ".dimension", "Must be an object of dimension name → value.");
                return null;
            }
            foreach (var d in dimension.EnumerateObject())
            {
                if (d.Name == "target") continue;
                string? value = d.Value.ValueKind switch
                {
                    JsonValueKind.String => d.Value.GetString(),
                    JsonValueKind.Number => d.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
                if (value is null)
                {
                    Add(errors, $"{path}.dimension.{d.Name}", "Dimension values must be strings, numbers or booleans.");
                    return null;
                }
                dims.Add(new(d.Name, value));
            }
        }
        if (dims.Count > limits.MaxDimensions)
        {
            Add(errors, path + ".dimension", $"At most {limits.MaxDimensions} dimensions per point.");
            return null;
        }
        return new SeriesKey(dims);
    }

    private static void Add(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var list)) errors[path] = list = [];
        list.Add(message);
    }
}
