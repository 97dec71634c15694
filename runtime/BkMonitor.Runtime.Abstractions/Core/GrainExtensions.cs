using System.Globalization;

namespace BkMonitor.Runtime;

/// <summary>Key accessors in Orleans' style.</summary>
public static class GrainExtensions
{
    public static string GetPrimaryKeyString(this Grain grain) => grain.GrainId.Key;

    public static long GetPrimaryKeyLong(this Grain grain)
        => long.TryParse(grain.GrainId.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var key)
            ? key
            : throw new InvalidOperationException($"Grain {grain.GrainId} does not have an integer key.");

    public static GrainId GetGrainId(this IAddressable reference) => reference switch
    {
        GrainReference r => r.GrainId,
        Grain g => g.GrainId,
        _ => throw new ArgumentException($"{reference.GetType().Name} is neither a grain nor a grain reference.", nameof(reference)),
    };
}
