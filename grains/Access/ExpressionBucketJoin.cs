using System.Runtime.InteropServices;
using BkMonitor.Grains.Expressions;
using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.Grains.Access;

/// <summary>
/// Combines the aggregated buckets of an expression's aliases into the expression's buckets. Buckets of the same
/// group (equal dimension set) and time are joined — bk-monitor hands the expression to its PromQL engine, which
/// matches series one-to-one on all labels. A (group, time) that some alias lacks gives no bucket, and neither does a
/// non-finite result (a division by zero): unify-query drops Inf and NaN points before answering.
/// </summary>
internal static class ExpressionBucketJoin
{
    /// <param name="expression">The expression; <paramref name="perAlias"/>[i] holds alias i's buckets.</param>
    /// <param name="perAlias">Each alias's buckets, in time order as the store returns them.</param>
    /// <returns>The expression's buckets in time order; within a time, in the order the first alias returned them.</returns>
    public static List<GroupBucket> Join(ArithmeticExpression expression, IReadOnlyList<IReadOnlyList<GroupBucket>> perAlias)
    {
        var aliases = expression.Aliases.Count;
        if (perAlias.Count != aliases) throw new ArgumentException($"{aliases} alias bucket lists expected, {perAlias.Count} given", nameof(perAlias));
        if (aliases == 0) return [];

        // Only groups the first alias has can produce a bucket: key them first, then fill the others in.
        var values = new Dictionary<(SeriesKey Group, long Time), double[]>(perAlias[0].Count);
        var order = new List<(SeriesKey Group, long Time)>(perAlias[0].Count);
        foreach (var (group, time, value) in perAlias[0])
        {
            ref var slots = ref CollectionsMarshal.GetValueRefOrAddDefault(values, (group, time), out var exists);
            if (!exists)
            {
                slots = NewSlots(aliases);
                order.Add((group, time));
            }
            slots![0] = value;
        }
        for (var alias = 1; alias < aliases; alias++)
        {
            foreach (var (group, time, value) in perAlias[alias])
            {
                if (values.TryGetValue((group, time), out var slots)) slots[alias] = value;
            }
        }

        var result = new List<GroupBucket>(order.Count);
        foreach (var key in order)
        {
            var slots = values[key];
            if (Array.Exists(slots, double.IsNaN)) continue;
            var value = expression.Evaluate(slots);
            if (double.IsFinite(value)) result.Add(new GroupBucket(key.Group, key.Time, value));
        }
        return result;
    }

    /// <summary>Slots start as NaN: "this alias has no bucket here".</summary>
    private static double[] NewSlots(int count)
    {
        var slots = new double[count];
        Array.Fill(slots, double.NaN);
        return slots;
    }
}
