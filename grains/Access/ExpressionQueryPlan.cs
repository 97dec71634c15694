using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Expressions;
using BkMonitor.Grains.Strategies;
using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.Grains.Access;

/// <summary>
/// How an expression item (<c>a+b</c> over query configs aliased <c>a</c> and <c>b</c>) reads the built-in store:
/// each alias the expression uses is its own aggregated query (its result table, metric, agg_method, agg_condition
/// and group-by), all on the item's bucket size, and <see cref="ExpressionBucketJoin"/> combines the buckets of one
/// (group, time). Query configs the expression does not use are not read.
/// </summary>
internal sealed class ExpressionQueryPlan
{
    private readonly ArithmeticExpression _expression;
    private readonly AliasQuery[] _queries;
    private readonly int _aggInterval;

    private ExpressionQueryPlan(ArithmeticExpression expression, AliasQuery[] queries, int aggInterval)
    {
        _expression = expression;
        _queries = queries;
        _aggInterval = aggInterval;
    }

    /// <summary>The (result table, metric) pairs the expression reads: data pushed for any of them re-evaluates it.</summary>
    public IReadOnlyList<(string Table, string Metric)> Inputs => [.. _queries.Select(q => (q.ResultTable, q.Metric))];

    /// <summary>The plan, or null and why the item cannot be read from the built-in store.</summary>
    public static ExpressionQueryPlan? TryCreate(StrategyItem item, int aggInterval, out string reason)
    {
        var expression = ArithmeticExpression.TryParse(item.Expression, out var error);
        if (expression is null)
        {
            reason = $"item {item.Id}: expression '{item.Expression}': {error}";
            return null;
        }
        var queries = new AliasQuery[expression.Aliases.Count];
        for (var i = 0; i < queries.Length; i++)
        {
            var alias = expression.Aliases[i];
            var config = item.QueryConfigs.FirstOrDefault(q => string.Equals(q.Alias?.Trim(), alias, StringComparison.OrdinalIgnoreCase));
            if (config is null)
            {
                reason = $"item {item.Id}: expression alias '{alias}' has no query config";
                return null;
            }
            if (!TryReadable(item, config, out var method, out reason)) return null;
            queries[i] = new AliasQuery(config.ResultTableId!, config.MetricField!, method,
                [.. StrategyDerivations.EffectiveAggDimension(item, config)], ItemQueryPlan.FilterOf(config));
        }
        reason = "";
        return new ExpressionQueryPlan(expression, queries, aggInterval);
    }

    /// <summary>The expression's buckets starting in <c>[from, until)</c>, read through <paramref name="source"/>.</summary>
    public async Task<IReadOnlyList<SeriesBucket>> QueryAsync(ITimeSeriesSource source, long from, long until, CancellationToken cancellationToken)
    {
        var perAlias = new IReadOnlyList<GroupBucket>[_queries.Length];
        for (var i = 0; i < _queries.Length; i++)
        {
            var buckets = await source.QueryAsync(Query(i, from, until), cancellationToken);
            perAlias[i] = buckets.Select(b => new GroupBucket(new SeriesKey(b.Dimensions), b.Time, b.Value)).ToList();
        }
        return ToSeriesBuckets(ExpressionBucketJoin.Join(_expression, perAlias));
    }

    /// <summary>The expression's buckets starting in <c>[from, until)</c>, keyed by group, straight from the store.</summary>
    public List<GroupBucket> QueryGroups(TimeSeriesStore store, long from, long until)
    {
        var perAlias = new IReadOnlyList<GroupBucket>[_queries.Length];
        for (var i = 0; i < _queries.Length; i++) perAlias[i] = store.QueryGroups(Query(i, from, until));
        return ExpressionBucketJoin.Join(_expression, perAlias);
    }

    public static IReadOnlyList<SeriesBucket> ToSeriesBuckets(List<GroupBucket> buckets) =>
        buckets.ConvertAll(b => new SeriesBucket(b.Group.ToDictionary(), b.Time, b.Value));

    private TimeSeriesQuery Query(int alias, long from, long until)
    {
        var query = _queries[alias];
        return new TimeSeriesQuery(query.ResultTable, query.Metric, query.AggMethod, _aggInterval, query.GroupBy, from, until) { Filter = query.Filter };
    }

    private static bool TryReadable(StrategyItem item, QueryConfig config, out AggMethod method, out string reason)
    {
        method = AggMethod.Avg;
        reason = "";
        if (config.DataTypeLabel != "time_series" || config.DataSourceLabel == "prometheus")
        {
            reason = $"item {item.Id}: alias '{config.Alias}' ({config.DataSourceLabel}/{config.DataTypeLabel}) is not a built-in time series; expressions read only those";
        }
        else if (string.IsNullOrEmpty(config.ResultTableId) || string.IsNullOrEmpty(config.MetricField))
        {
            reason = $"item {item.Id}: alias '{config.Alias}' needs result_table_id and metric_field";
        }
        else if (!AggMethods.TryParse(config.AggMethod, out method))
        {
            reason = $"item {item.Id}: alias '{config.Alias}': agg_method '{config.AggMethod}' is not supported by the built-in store";
        }
        return reason.Length == 0;
    }

    private sealed record AliasQuery(string ResultTable, string Metric, AggMethod AggMethod, string[] GroupBy, Func<IReadOnlyDictionary<string, string>, bool>? Filter);
}
