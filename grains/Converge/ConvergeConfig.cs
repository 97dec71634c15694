using System.Text.Json.Serialization;

namespace BkMonitor.Grains.Converge;

/// <summary>A relation's <c>options.converge_config</c> (ALARM-SPEC §7).</summary>
internal sealed record ConvergeConfig
{
    public const int DefaultTimedeltaSeconds = 60;

    [JsonPropertyName("is_enabled")]
    public bool IsEnabled { get; init; }

    [JsonPropertyName("converge_func")]
    public string ConvergeFunc { get; init; } = ConvergeFunction.SkipWhenSuccess;

    /// <summary>Seconds; bk-monitor uses whole minutes of it (<c>timedelta // 60</c>).</summary>
    [JsonPropertyName("timedelta")]
    public int Timedelta { get; init; } = DefaultTimedeltaSeconds;

    [JsonPropertyName("count")]
    public int Count { get; init; } = 1;

    [JsonPropertyName("condition")]
    public IReadOnlyList<ConvergeCondition> Condition { get; init; } = [];

    /// <summary>Optional wider window (seconds) used instead of <see cref="Timedelta"/> when set.</summary>
    [JsonPropertyName("max_timedelta")]
    public int? MaxTimedelta { get; init; }
}
