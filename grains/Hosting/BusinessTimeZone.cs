using Microsoft.Extensions.Configuration;

namespace BkMonitor.Grains.Hosting;

/// <summary>
/// The business's time zone: strategy uptime ranges, shield cycles and notice times are read in it. Configured by
/// <c>BkMonitor:TimeZone</c> or the environment's <c>BKMONITOR_TIMEZONE</c> as an IANA id (e.g. <c>Asia/Shanghai</c>);
/// UTC when unset. An unknown id fails the silo's start rather than silently evaluating in UTC.
/// </summary>
public static class BusinessTimeZone
{
    public const string Key = "BkMonitor:TimeZone";
    public const string EnvironmentKey = "BKMONITOR_TIMEZONE";

    public static TimeZoneInfo Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var (key, id) = configuration[Key] is { Length: > 0 } configured ? (Key, configured) : (EnvironmentKey, configuration[EnvironmentKey]);
        if (string.IsNullOrWhiteSpace(id)) return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"Configuration '{key}' = '{id}' is not a known time zone id (use an IANA id such as Asia/Shanghai).", e);
        }
    }
}
