using System.Globalization;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// The daily window in which a relation acts (<c>start_time</c>/<c>end_time</c>, "HH:MM:SS" in the
/// business's local time, both ends inclusive to the second). A start after the end crosses midnight.
/// </summary>
internal readonly record struct NoticeTimeWindow(TimeOnly Start, TimeOnly End)
{
    public const string DefaultStart = "00:00:00";
    public const string DefaultEnd = "23:59:59";

    public static NoticeTimeWindow Parse(string start, string end) =>
        new(ParseTime(start, "options.start_time"), ParseTime(end, "options.end_time"));

    public static bool TryParseTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public bool Contains(TimeOnly localTime)
    {
        // bk-monitor compares "HH:MM:SS" strings: sub-second parts do not count.
        var t = new TimeOnly(localTime.Hour, localTime.Minute, localTime.Second);
        return Start <= End ? Start <= t && t <= End : Start <= t || t <= End;
    }

    public override string ToString() =>
        $"{Start.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}--{End.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}";

    private static TimeOnly ParseTime(string text, string field) =>
        TryParseTime(text, out var time)
            ? time
            : throw new FormatException($"{field} must be \"HH:MM:SS\", got \"{text}\"");
}
