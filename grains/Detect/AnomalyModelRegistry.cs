namespace BkMonitor.Grains.Detect;

/// <summary>
/// The models IntelligentDetect and TimeSeriesForecasting may name in their config (<c>model</c>,
/// default <c>seasonal_zscore</c>). Immutable: <see cref="With"/> returns an extended copy, so a host
/// can plug in a model service without touching the built-in set.
/// </summary>
internal sealed class AnomalyModelRegistry
{
    public const string DefaultModel = SeasonalZScoreModel.Name;

    private readonly Dictionary<string, Func<ConfigReader, IAnomalyModel?>> _factories;

    private AnomalyModelRegistry(Dictionary<string, Func<ConfigReader, IAnomalyModel?>> factories) => _factories = factories;

    public static AnomalyModelRegistry BuiltIn { get; } =
        new(new Dictionary<string, Func<ConfigReader, IAnomalyModel?>>(StringComparer.Ordinal)
        {
            [SeasonalZScoreModel.Name] = SeasonalZScoreModel.Create,
        });

    public IReadOnlyCollection<string> Names => _factories.Keys;

    /// <summary>A registry with one more model; the factory reads the config's <c>args</c> and reports bad fields on it.</summary>
    public AnomalyModelRegistry With(string name, Func<ConfigReader, IAnomalyModel?> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        return new AnomalyModelRegistry(new Dictionary<string, Func<ConfigReader, IAnomalyModel?>>(_factories, StringComparer.Ordinal)
        {
            [name] = factory,
        });
    }

    /// <summary>Reads <c>model</c> and <c>args</c> from an algorithm config and builds the model, or reports why not.</summary>
    public IAnomalyModel? Create(ConfigReader config)
    {
        var name = config.Choice("model", [.. _factories.Keys], defaultValue: DefaultModel);
        config.Integer("plan_id", required: false, allowNull: true);
        var args = config.Child("args");
        if (name is null || !_factories.TryGetValue(name, out var factory)) return null;
        return factory(args);
    }
}
