namespace BkMonitor.Grains.Nodata;

/// <summary>
/// Which dimension sets should be reporting (bk-monitor's get_target_instances_dimensions): the
/// history when no target is configured; the target instances when they are keyed exactly by the
/// nodata dimensions; otherwise the history sets that fall inside the targets, plus the targets
/// never seen at all (reported missing directly).
/// </summary>
internal static class NoDataExpectedDimensions
{
    public static (List<Dictionary<string, string>> Expected, List<Dictionary<string, string>> NeverSeen) Resolve(
        NoDataCheckRequest request, IEnumerable<Dictionary<string, string>> history)
    {
        var neverSeen = new List<Dictionary<string, string>>();
        List<Dictionary<string, string>> expected;
        if (request.TargetInstances is not { } targets)
        {
            expected = [.. history];
        }
        else if (targets.Count == 0)
        {
            expected = [];
        }
        else if (SameKeys(request.AggDimensions, targets[0]))
        {
            expected = [.. targets.Select(t => new Dictionary<string, string>(t))];
        }
        else
        {
            var reduced = targets.Select(t => Project(t, request.AggDimensions)).ToList();
            var targetKeys = reduced[0].Keys.ToList();
            var wanted = new Dictionary<string, Dictionary<string, string>>();
            foreach (var target in reduced) wanted.TryAdd(Canonical(target), target);
            var seen = new HashSet<string>();
            expected = [];
            foreach (var dims in history)
            {
                var key = Canonical(Project(dims, targetKeys));
                if (!wanted.ContainsKey(key)) continue;
                expected.Add(dims);
                seen.Add(key);
            }
            foreach (var (key, target) in wanted)
            {
                if (!seen.Contains(key)) neverSeen.Add(target);
            }
        }
        if (request.IsInRange is { } inRange) expected.RemoveAll(d => !inRange(d));
        return (expected, neverSeen);
    }

    private static bool SameKeys(IReadOnlyList<string> dimensions, IReadOnlyDictionary<string, string> instance)
        => instance.Count == dimensions.Distinct().Count() && dimensions.All(instance.ContainsKey);

    private static Dictionary<string, string> Project(IReadOnlyDictionary<string, string> dims, IReadOnlyList<string> keys)
    {
        var projected = new Dictionary<string, string>();
        foreach (var key in keys)
        {
            if (dims.TryGetValue(key, out var value)) projected[key] = value;
        }
        return projected;
    }

    private static string Canonical(Dictionary<string, string> dims)
        => string.Join('\u0001', dims.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + '\u0002' + p.Value));
}
