using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.Strategies;
using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.Grains.Access;

/// <summary>
/// How one strategy item's data is read: from the built-in store (result table + metric, aggregated over
/// <c>agg_interval</c> buckets, agg_condition applied to the raw series, grouped by the item's dimensions) or
/// from a Prometheus API (the item's PromQL). An item with an expression over several queries reads the built-in
/// store through its <see cref="ExpressionQueryPlan"/>. Items this pipeline cannot read (events, logs, unknown
/// aggregations) get <see cref="ItemSourceKind.Unsupported"/> with the reason.
/// </summary>
internal sealed class ItemQueryPlan
{
    private readonly string[] _dimensionFields;
    private readonly Func<IReadOnlyDictionary<string, string>, bool>? _filter;
    private readonly string? _promQl;
    private readonly ExpressionQueryPlan? _expression;

    private ItemQueryPlan(ItemSourceKind kind, string reason, StrategyItem item, QueryConfig? query, AggMethod aggMethod, ExpressionQueryPlan? expression = null)
    {
        _expression = expression;
        Kind = kind;
        UnsupportedReason = reason;
        ItemId = item.Id;
        AggInterval = StrategyDerivations.CheckWindowUnit(item);
        _dimensionFields = [.. StrategyDerivations.ItemDimensions(item)];
        ResultTable = query?.ResultTableId ?? "";
        Metric = query?.MetricField ?? "";
        AggMethod = aggMethod;
        _promQl = query?.Promql;
        if (query is not null && kind == ItemSourceKind.BuiltIn) _filter = FilterOf(query);
        Inputs = kind != ItemSourceKind.BuiltIn ? [] : expression?.Inputs ?? [(ResultTable, Metric)];
    }

    public ItemSourceKind Kind { get; }

    public string UnsupportedReason { get; }

    public long ItemId { get; }

    public int AggInterval { get; }

    public string ResultTable { get; }

    public string Metric { get; }

    public AggMethod AggMethod { get; }

    /// <summary>The dimension fields of the item's records (its effective group-by).</summary>
    public IReadOnlyList<string> DimensionFields => _dimensionFields;

    /// <summary>The (result table, metric) pairs a built-in item reads; data pushed for any of them reaches the item.</summary>
    public IReadOnlyList<(string Table, string Metric)> Inputs { get; }

    public static ItemQueryPlan Create(StrategyItem item)
    {
        if (StrategyDerivations.EvaluatesExpression(item))
        {
            var expression = ExpressionQueryPlan.TryCreate(item, StrategyDerivations.CheckWindowUnit(item), out var reason);
            return expression is null
                ? Unsupported(item, reason)
                : new ItemQueryPlan(ItemSourceKind.BuiltIn, "", item, null, AggMethod.Avg, expression);
        }
        if (item.QueryConfigs.Count != 1)
        {
            // Only prometheus items get here (others evaluate their expression): their promql is the expression.
            return Unsupported(item, $"item {item.Id} has {item.QueryConfigs.Count} query configs; a prometheus item is read from its one promql");
        }
        var query = item.QueryConfigs[0];
        if (query.DataTypeLabel != "time_series")
        {
            return Unsupported(item, $"item {item.Id}: data_type_label '{query.DataTypeLabel}' is not read by this pipeline");
        }
        if (query.DataSourceLabel == "prometheus")
        {
            return string.IsNullOrWhiteSpace(query.Promql)
                ? Unsupported(item, $"item {item.Id}: a prometheus query needs promql")
                : new ItemQueryPlan(ItemSourceKind.Prometheus, "", item, query, AggMethod.Avg);
        }
        if (string.IsNullOrEmpty(query.ResultTableId) || string.IsNullOrEmpty(query.MetricField))
        {
            return Unsupported(item, $"item {item.Id}: result_table_id and metric_field are required for the built-in store");
        }
        return AggMethods.TryParse(query.AggMethod, out var method)
            ? new ItemQueryPlan(ItemSourceKind.BuiltIn, "", item, query, method)
            : Unsupported(item, $"item {item.Id}: agg_method '{query.AggMethod}' is not supported by the built-in store (use one of {string.Join(", ", AggMethods.Names)})");
    }

    /// <summary>
    /// The data times pushed for the item's inputs; null when the notice holds none. An expression item may read
    /// several of the pushed metrics: it is evaluated once, over all their times.
    /// </summary>
    public (long Min, long Max)? PushedRange(PushNotice notice)
    {
        (long Min, long Max)? range = null;
        foreach (var (table, metric) in Inputs)
        {
            if (table != notice.ResultTableId) continue;
            foreach (var pushed in notice.Metrics)
            {
                if (pushed.Metric != metric) continue;
                range = range is { } seen ? (Math.Min(seen.Min, pushed.MinTime), Math.Max(seen.Max, pushed.MaxTime)) : (pushed.MinTime, pushed.MaxTime);
            }
        }
        return range;
    }

    /// <summary>The item's buckets starting in <c>[from, until)</c> (an expression's: evaluated per bucket).</summary>
    public Task<IReadOnlyList<SeriesBucket>> QueryAsync(ITimeSeriesSource source, long from, long until, CancellationToken cancellationToken) =>
        _expression?.QueryAsync(source, from, until, cancellationToken) ?? source.QueryAsync(Query(from, until), cancellationToken);

    /// <summary>The item's buckets starting in <c>[from, until)</c> from the built-in store.</summary>
    public IReadOnlyList<SeriesBucket> Query(TimeSeriesStore store, long from, long until) =>
        _expression is { } expression ? ExpressionQueryPlan.ToSeriesBuckets(expression.QueryGroups(store, from, until)) : store.Query(Query(from, until));

    /// <summary>
    /// The item's store buckets, by group, of every bucket containing a data time in <c>[minTime, maxTime]</c>; a
    /// single-query item fills <paramref name="into"/> when given (cleared first), an expression builds its own list.
    /// </summary>
    public List<GroupBucket> QueryGroupsCovering(TimeSeriesStore store, long minTime, long maxTime, List<GroupBucket>? into = null)
    {
        var covering = QueryCovering(minTime, maxTime);
        return _expression?.QueryGroups(store, covering.From, covering.Until) ?? store.QueryGroups(covering, into);
    }

    /// <summary>The aggregated query of a single-query item's buckets starting in <c>[from, until)</c>.</summary>
    public TimeSeriesQuery Query(long from, long until) =>
        new(ResultTable, Metric, AggMethod, AggInterval, _dimensionFields, from, until) { Filter = _filter, PromQl = _promQl };

    /// <summary>The query of every bucket containing a data time in <c>[minTime, maxTime]</c>.</summary>
    public TimeSeriesQuery QueryCovering(long minTime, long maxTime) =>
        Query(AccessWindow.FloorTo(minTime, AggInterval), AccessWindow.FloorTo(maxTime, AggInterval) + AggInterval);

    public static DataPoint[] ToPoints(IReadOnlyList<SeriesBucket> buckets)
    {
        var points = new DataPoint[buckets.Count];
        for (var i = 0; i < points.Length; i++)
        {
            var bucket = buckets[i];
            points[i] = new DataPoint(null, AsNullable(bucket.Dimensions), bucket.Time, bucket.Value);
        }
        return points;
    }

    /// <summary>The md5 access gives this series' records (fields of the item missing from it count as None).</summary>
    public string SeriesMd5(IReadOnlyDictionary<string, string> dimensions)
    {
        var fields = new Dictionary<string, string?>(_dimensionFields.Length, StringComparer.Ordinal);
        foreach (var field in _dimensionFields) fields[field] = dimensions.GetValueOrDefault(field);
        return CountMd5.Of(fields);
    }

    /// <summary>A query's agg_condition as a store filter on raw series dimensions; null when it has none.</summary>
    internal static Func<IReadOnlyDictionary<string, string>, bool>? FilterOf(QueryConfig query)
    {
        if (query.AggCondition.Count == 0) return null;
        var conditions = ConditionMatcher.FromAggConditions(query.AggCondition);
        return dimensions => conditions.IsMatch(AsNullable(dimensions));
    }

    private static ItemQueryPlan Unsupported(StrategyItem item, string reason) =>
        new(ItemSourceKind.Unsupported, reason, item, null, AggMethod.Avg);

    /// <summary>Store dimensions never hold null; only the annotation differs, so the dictionary is shared, not copied.</summary>
    private static IReadOnlyDictionary<string, string?> AsNullable(IReadOnlyDictionary<string, string> dimensions) =>
        (IReadOnlyDictionary<string, string?>)(object)dimensions;
}

/// <summary>Where an item's data comes from.</summary>
internal enum ItemSourceKind
{
    BuiltIn,
    Prometheus,
    Unsupported,
}
