using System.Globalization;
using BkMonitor.ClientApi.Errors;

namespace BkMonitor.ClientApi.Apis;

/// <summary>Query-string values shared by the list endpoints: bounded integers and page limits, with 400s naming the parameter.</summary>
internal static class QueryParameters
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>Null when absent; a value outside [min, max] or not an integer is a validation error for <paramref name="name"/>.</summary>
    public static long? ParseLong(string name, string? text, long min = long.MinValue, long max = long.MaxValue)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        var range = min == long.MinValue ? "an integer" : $"an integer from {min} to {max}";
        throw ValidationFailedException.For(name, $"must be {range}, got '{text}'");
    }

    public static int? ParseInt(string name, string? text, int min = int.MinValue, int max = int.MaxValue)
        => (int?)ParseLong(name, text, min == int.MinValue ? long.MinValue : min, max);
}
