using System.Text.Json;
using System.Text.Json.Serialization;

namespace BkMonitor.Runtime.Redis.Membership;

/// <summary>The JSON form of a membership entry in Redis (the heartbeat lives in its own field).</summary>
internal sealed record MembershipRow
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    [JsonPropertyName("silo")]
    public required string Silo { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("roles")]
    public List<string> Roles { get; init; } = [];

    [JsonPropertyName("start_time")]
    public DateTime StartTime { get; init; }

    [JsonPropertyName("suspicions")]
    public List<Vote> Suspicions { get; init; } = [];

    public sealed record Vote([property: JsonPropertyName("voter")] string Voter, [property: JsonPropertyName("time")] DateTime Time);

    public static string ToJson(MembershipEntry entry) => JsonSerializer.Serialize(
        new MembershipRow
        {
            Silo = entry.Silo.ToString(),
            Status = entry.Status.ToString(),
            Name = entry.SiloName,
            Roles = [.. entry.Roles],
            StartTime = entry.StartTime,
            Suspicions = [.. entry.Suspicions.Select(v => new Vote(v.Voter.ToString(), v.Time))],
        },
        Json);

    public static MembershipEntry FromJson(string json, DateTime iAmAlive)
    {
        var row = JsonSerializer.Deserialize<MembershipRow>(json, Json)
            ?? throw new FormatException("A membership row in Redis is empty.");
        return new MembershipEntry
        {
            Silo = SiloAddress.Parse(row.Silo),
            Status = Enum.Parse<SiloStatus>(row.Status),
            SiloName = row.Name,
            Roles = row.Roles,
            StartTime = row.StartTime,
            IAmAliveTime = iAmAlive,
            Suspicions = [.. row.Suspicions.Select(v => new SuspicionVote(SiloAddress.Parse(v.Voter), v.Time))],
        };
    }

    /// <summary>UTC ticks as 19 digits, so Lua can compare heartbeats as strings.</summary>
    public static string AliveField(DateTime time)
        => Utc(time).Ticks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The contract's times are UTC; an unspecified kind is taken as UTC rather than local time.</summary>
    public static DateTime Utc(DateTime time)
        => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();

    public static DateTime ParseAlive(string? value)
        => value is null ? default : new DateTime(long.Parse(value, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
