using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>The alert as actions see it when a signal fires: enough to plan, template and send notices.</summary>
public sealed record AlertSnapshot
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("alert_name")]
    public string AlertName { get; init; } = "";

    /// <summary>1 fatal, 2 warning, 3 remind.</summary>
    [JsonPropertyName("severity")]
    public int Severity { get; init; } = 3;

    /// <summary>The signal being handled (one of <see cref="ActionSignal"/>).</summary>
    [JsonPropertyName("signal")]
    public string Signal { get; init; } = ActionSignal.Abnormal;

    [JsonPropertyName("bk_biz_id")]
    public int BkBizId { get; init; }

    /// <summary>Epoch seconds.</summary>
    [JsonPropertyName("begin_time")]
    public long BeginTime { get; init; }

    /// <summary>Epoch seconds of the newest anomaly.</summary>
    [JsonPropertyName("latest_time")]
    public long LatestTime { get; init; }

    /// <summary>Epoch seconds; defaults to <see cref="BeginTime"/> when absent.</summary>
    [JsonPropertyName("first_anomaly_time")]
    public long? FirstAnomalyTime { get; init; }

    /// <summary>Epoch seconds; set once recovered or closed.</summary>
    [JsonPropertyName("end_time")]
    public long? EndTime { get; init; }

    [JsonPropertyName("dimensions")]
    public List<AlertDimension> Dimensions { get; init; } = [];

    [JsonPropertyName("current_value")]
    public double? CurrentValue { get; init; }

    /// <summary>The anomaly message, e.g. "AVG(CPU使用率) >= 95.0%, 当前值96.3%".</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("target_type")]
    public string TargetType { get; init; } = "";

    [JsonPropertyName("target")]
    public string Target { get; init; } = "";

    [JsonPropertyName("strategy")]
    public StrategyRef? Strategy { get; init; }

    /// <summary>Link to the alert's detail page, when the gateway knows its public address.</summary>
    [JsonPropertyName("detail_url")]
    public string? DetailUrl { get; init; }
}

/// <summary>One alert dimension with its display form.</summary>
public sealed record AlertDimension
{
    [JsonPropertyName("key")]
    public string Key { get; init; } = "";

    [JsonPropertyName("value")]
    public string Value { get; init; } = "";

    [JsonPropertyName("display_key")]
    public string? DisplayKey { get; init; }

    [JsonPropertyName("display_value")]
    public string? DisplayValue { get; init; }
}

/// <summary>The strategy an alert came from.</summary>
public sealed record StrategyRef
{
    [JsonPropertyName("id")]
    public int Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("bk_biz_id")]
    public int BkBizId { get; init; }

    [JsonPropertyName("scenario")]
    public string? Scenario { get; init; }
}
