using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Detect;

namespace BkMonitor.Grains.Strategies;

/// <summary>
/// What a save does with a validated strategy before storing it: the id and times are the server's, missing
/// item ids are assigned, and every item must compile for detect and trigger. Errors are keyed like the
/// validator's (<c>items[0].id</c>).
/// </summary>
internal static class StrategyPreparation
{
    public static (Strategy? Strategy, Dictionary<string, string[]> Errors) Prepare(Strategy strategy, long id, Strategy? existing, long now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (strategy.Id != 0 && strategy.Id != id)
        {
            errors["id"] = [$"is {strategy.Id} but the strategy being saved is {id}"];
        }
        var items = AssignItemIds(strategy.Items, errors);
        var prepared = strategy with
        {
            Id = id,
            Items = items,
            CreateTime = existing?.CreateTime ?? (strategy.CreateTime > 0 ? strategy.CreateTime : now),
            UpdateTime = now,
        };
        if (errors.Count == 0)
        {
            var detector = new StrategyDetector(prepared, 0);
            for (var i = 0; i < prepared.Items.Count; i++)
            {
                foreach (var problem in detector.Problems)
                {
                    if (problem.StartsWith($"item {prepared.Items[i].Id}:", StringComparison.Ordinal)) errors[$"items[{i}].algorithms"] = [problem];
                }
            }
        }
        return errors.Count == 0 ? (prepared, errors) : (null, errors);
    }

    /// <summary>Items without an id get the next free one (ids are unique within a strategy: they key trigger windows).</summary>
    private static List<StrategyItem> AssignItemIds(IReadOnlyList<StrategyItem> items, Dictionary<string, string[]> errors)
    {
        var used = new HashSet<long>();
        for (var i = 0; i < items.Count; i++)
        {
            var itemId = items[i].Id;
            if (itemId != 0 && !used.Add(itemId)) errors[$"items[{i}].id"] = [$"duplicate item id {itemId}"];
        }
        var next = used.Count == 0 ? 1 : used.Max() + 1;
        var result = new List<StrategyItem>(items.Count);
        foreach (var item in items) result.Add(item.Id != 0 ? item : item with { Id = next++ });
        return result;
    }
}
