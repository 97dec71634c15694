namespace BkMonitor.Grains.Detect.Units;

/// <summary>
/// bk-monitor's unit catalogue (its Grafana-derived <c>core.unit</c> table): ids such as
/// <c>bytes</c>, <c>percent</c>, <c>ms</c>, optionally qualified as <c>"Category||id"</c>.
/// An unknown id is a fixed unit whose display label is the id itself.
/// </summary>
internal static class UnitCatalog
{
    private static readonly string[] BinaryLadder = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"];
    private static readonly string[] DecimalLadder = ["", "k", "M", "G", "T", "P", "E", "Z", "Y"];
    private static readonly string[] CountLadder = ["", "K", "M", "B", "T"];
    private static readonly string[] PercentLadder = ["%", "x100%"];
    private static readonly string[] TimeLadder = ["ns", "\u00b5s", "ms", "s", "m", "h", "d"];
    private static readonly Dictionary<string, double> TimeFactors = new() { ["m"] = 60, ["h"] = 60, ["d"] = 24 };

    private static readonly Dictionary<string, Dictionary<string, MetricUnit>> Categories = Build();

    public static MetricUnit Resolve(string? unitId)
    {
        if (string.IsNullOrEmpty(unitId)) return MetricUnit.Fixed("", "");
        var separator = unitId.IndexOf("||", StringComparison.Ordinal);
        if (separator >= 0)
        {
            var category = unitId[..separator];
            var id = unitId[(separator + 2)..];
            if (Categories.TryGetValue(category, out var units) && units.TryGetValue(id, out var qualified)) return qualified;
            return MetricUnit.Fixed(unitId, "");
        }
        foreach (var units in Categories.Values)
        {
            if (units.TryGetValue(unitId, out var unit)) return unit;
        }
        return MetricUnit.Fixed(unitId, unitId);
    }

    private static Dictionary<string, Dictionary<string, MetricUnit>> Build()
    {
        var misc = Category(
            MetricUnit.Fixed("none", ""),
            MetricUnit.Fixed("short", ""),
            new MetricUnit("percent", PercentLadder, 100, 0, "", unboundedDisplay: true),
            new MetricUnit("percentunit", PercentLadder, 100, 1, "", unboundedDisplay: true));
        var iec = Category(
            Binary("bits", "b", 0), Binary("bytes", "B", 0), Binary("kbytes", "B", 1), Binary("mbytes", "B", 2),
            Binary("gbytes", "B", 3), Binary("tbytes", "B", 4), Binary("pbytes", "B", 5));
        var metric = Category(
            Decimal("decbits", "b", 0), Decimal("decbytes", "B", 0), Decimal("deckbytes", "B", 1),
            Decimal("decmbytes", "B", 2), Decimal("decgbytes", "B", 3), Decimal("dectbytes", "B", 4),
            Decimal("decpbytes", "B", 5));
        var rate = Category(
            Decimal("pps", "pps", 0), Decimal("bps", "bps", 0), Decimal("Bps", "Bs", 0), Decimal("KBs", "Bs", 1),
            Decimal("Kbits", "bps", 1), Decimal("MBs", "Bs", 2), Decimal("Mbits", "bps", 2), Decimal("GBs", "Bs", 3),
            Decimal("Gbits", "bps", 3), Decimal("TBs", "Bs", 4), Decimal("Tbits", "bps", 4), Decimal("PBs", "Bs", 5),
            Decimal("Pbits", "bps", 5));
        var temperature = Category(
            MetricUnit.Fixed("celsius", "°C"), MetricUnit.Fixed("fahrenheit", "°F"), MetricUnit.Fixed("kelvin", "K"));
        var time = Category(
            Decimal("hertz", "Hz", 0), Time("ns", 0), Time("\u00b5s", 1), Time("ms", 2), Time("s", 3), Time("m", 4),
            Time("h", 5), Time("d", 6));
        time["us"] = time["\u00b5s"];
        var throughput = Category(
            Count("cps"), Count("ops"), Count("reqps"), Count("rps"), Count("wps"), Count("iops"), Count("cpm"),
            Count("opm"), Count("rpm"), Count("wpm"));

        return new Dictionary<string, Dictionary<string, MetricUnit>>(StringComparer.Ordinal)
        {
            ["Misc"] = misc,
            ["Data (IEC)"] = iec,
            ["Data (Metric)"] = metric,
            ["Data Rate"] = rate,
            ["Temperature"] = temperature,
            ["Time"] = time,
            ["Throughput"] = throughput,
        };
    }

    private static Dictionary<string, MetricUnit> Category(params MetricUnit[] units) =>
        units.ToDictionary(u => u.Id, StringComparer.Ordinal);

    private static MetricUnit Binary(string id, string label, int index) => new(id, BinaryLadder, 1024, index, label);

    private static MetricUnit Decimal(string id, string label, int index) => new(id, DecimalLadder, 1000, index, label);

    private static MetricUnit Count(string id) => new(id, CountLadder, 1000, 0, id);

    private static MetricUnit Time(string id, int index) => new(id, TimeLadder, 1000, index, "", TimeFactors);
}
