using System.Globalization;
using System.Text.Json;

namespace BkMonitor.Grains.TimeSeries;

/// <summary>
/// A Prometheus-compatible HTTP query API as a source (<c>/api/v1/query_range</c>). The value evaluated at
/// time t stands for the bucket (t - step, t], so the bucket start is t - step: write the PromQL over the
/// step's window, e.g. <c>avg_over_time(metric[1m])</c> with agg_interval 60.
/// </summary>
public sealed class PrometheusTimeSeriesSource(HttpClient http) : ITimeSeriesSource
{
    public async Task<IReadOnlyList<SeriesBucket>> QueryAsync(TimeSeriesQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query.PromQl))
        {
            throw new ArgumentException("A Prometheus query needs promql.", nameof(query));
        }
        var step = query.AggIntervalSeconds;
        // Evaluate on the agg grid so each value lands on a bucket start, whatever From/Until the caller passed.
        var start = TimeSeriesStore.FloorTo(query.From, step) + step;
        var end = TimeSeriesStore.FloorTo(query.Until, step);
        var url = string.Create(CultureInfo.InvariantCulture,
            $"api/v1/query_range?query={Uri.EscapeDataString(query.PromQl)}&start={start}&end={end}&step={step}");
        using var response = await http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException ex)
        {
            throw new PrometheusQueryException($"Prometheus answered {(int)response.StatusCode} with a body that is not JSON.", ex);
        }
        if (!response.IsSuccessStatusCode || root.GetProperty("status").GetString() != "success")
        {
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : body;
            throw new PrometheusQueryException($"Prometheus query failed ({(int)response.StatusCode}): {error}");
        }
        return ReadMatrix(root.GetProperty("data"), step, query.Filter);
    }

    private static List<SeriesBucket> ReadMatrix(JsonElement data, int step, Func<IReadOnlyDictionary<string, string>, bool>? filter)
    {
        var result = new List<SeriesBucket>();
        if (data.GetProperty("resultType").GetString() != "matrix")
        {
            throw new PrometheusQueryException("Prometheus returned a non-matrix result for a range query.");
        }
        foreach (var series in data.GetProperty("result").EnumerateArray())
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in series.GetProperty("metric").EnumerateObject())
            {
                if (label.Name != "__name__") labels[label.Name] = label.Value.GetString() ?? "";
            }
            if (filter is not null && !filter(labels)) continue;
            foreach (var pair in series.GetProperty("values").EnumerateArray())
            {
                var time = (long)pair[0].GetDouble();
                if (double.TryParse(pair[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                {
                    result.Add(new SeriesBucket(labels, time - step, value));
                }
            }
        }
        result.Sort(static (a, b) => a.Time.CompareTo(b.Time));
        return result;
    }
}

/// <summary>A Prometheus query failed or returned something unexpected.</summary>
public sealed class PrometheusQueryException(string message, Exception? inner = null) : Exception(message, inner);
