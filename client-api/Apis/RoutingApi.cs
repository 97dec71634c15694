using System.Text.Json;
using BkMonitor.ClientApi.Auth;
using BkMonitor.ClientApi.Errors;
using BkMonitor.GrainInterfaces.Routing;
using BkMonitor.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BkMonitor.ClientApi.Apis;

/// <summary><c>/api/v1/routing/rules</c>: alarm cluster routing rules, which pick the silo group of each business (admin token).</summary>
public static class RoutingApi
{
    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/routing").RequireAdminToken().WithTags("Routing");
        group.MapGet("/rules", GetAsync)
            .WithName("GetRoutingRules")
            .WithSummary("The alarm cluster routing rules in force and the business of each strategy")
            .WithDescription("→ `{version, rules, strategy_biz}`.");
        group.MapPut("/rules", ReplaceAsync)
            .WithName("ReplaceRoutingRules")
            .WithSummary("Replace the alarm cluster routing rules")
            .WithDescription("Body `{rules: [{target_type: biz|alert_data_id, cluster_name, matcher_type: true|false|condition, matcher_config?}]}`. " +
                "Rules are walked in order, the first match decides; `{biz, default, true}` is implied last. A cluster name is the silo " +
                "role hosting the business's strategy grains (`default`: any silo). Every silo applies the change before this returns " +
                "and grains now on the wrong silo group move there.");
        return app;
    }

    internal static async Task<Ok<AlarmRoutingTable>> GetAsync(IGrainFactory grains) => TypedResults.Ok(await Routing(grains).GetAsync());

    internal static async Task<Ok<AlarmRoutingTable>> ReplaceAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var document = await JsonBody.ReadAsync(request, cancellationToken);
        var rules = ReadRules(JsonBody.RequireObject(document, "a routing rule set"));
        var result = await Routing(grains).SetRulesAsync(rules);
        return result.Table is { } table
            ? TypedResults.Ok(table)
            : throw new ValidationFailedException(result.Errors ?? new Dictionary<string, string[]>(), "The routing rules are invalid; nothing changed.");
    }

    private static IAlarmRoutingGrain Routing(IGrainFactory grains) => grains.GetGrain<IAlarmRoutingGrain>(IAlarmRoutingGrain.GlobalKey);

    private static List<ClusterRoutingRule> ReadRules(JsonElement body)
    {
        if (!body.TryGetProperty("rules", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw ValidationFailedException.For("rules", "required: a list of routing rules");
        }
        var rules = new List<ClusterRoutingRule>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw ValidationFailedException.For($"rules[{index}]", "a rule is an object {target_type, cluster_name, matcher_type, matcher_config?}");
            }
            rules.Add(new ClusterRoutingRule
            {
                TargetType = Text(item, "target_type"),
                ClusterName = Text(item, "cluster_name"),
                MatcherType = Text(item, "matcher_type"),
                MatcherConfig = item.TryGetProperty("matcher_config", out var config) && config.ValueKind != JsonValueKind.Null ? config.Clone() : null,
                Description = Text(item, "description"),
            });
            index++;
        }
        return rules;
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
