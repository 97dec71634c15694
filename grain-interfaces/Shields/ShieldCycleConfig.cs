using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Shields;

/// <summary>
/// When a shield repeats, in the business's local time: type 1 single window, 2 daily
/// <c>HH:MM:SS</c> range (may cross midnight, optional week_list), 3 weekly (week_list, Monday = 1),
/// 4 monthly (day_list).
/// </summary>
public sealed record ShieldCycleConfig
{
    public const int Single = 1;
    public const int Daily = 2;
    public const int Weekly = 3;
    public const int Monthly = 4;

    [JsonPropertyName("type")]
    public int Type { get; init; } = Single;

    [JsonPropertyName("begin_time")]
    public string BeginTime { get; init; } = "";

    [JsonPropertyName("end_time")]
    public string EndTime { get; init; } = "";

    [JsonPropertyName("week_list")]
    public IReadOnlyList<int> WeekList { get; init; } = [];

    [JsonPropertyName("day_list")]
    public IReadOnlyList<int> DayList { get; init; } = [];
}
