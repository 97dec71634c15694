using System.Globalization;

namespace BkMonitor.Runtime;

/// <summary>A silo process instance: endpoint plus generation (start time), so a restarted silo is a new silo.</summary>
public readonly record struct SiloAddress(string Host, int Port, long Generation)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}@{Generation}");

    public static SiloAddress Parse(string value)
    {
        var at = value.LastIndexOf('@');
        var colon = value.LastIndexOf(':', at < 0 ? value.Length - 1 : at);
        if (at < 0 || colon < 0)
        {
            throw new FormatException($"'{value}' is not a silo address of the form host:port@generation.");
        }
        return new SiloAddress(
            value[..colon],
            int.Parse(value[(colon + 1)..at], CultureInfo.InvariantCulture),
            long.Parse(value[(at + 1)..], CultureInfo.InvariantCulture));
    }
}
