using System.Globalization;
using System.Text.Json;
using BkMonitor.GrainInterfaces.Routing;
using BkMonitor.Grains.Bcs;
using BkMonitor.Grains.Metadata;
using BkMonitor.Grains.Routing;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BkMonitor.Grains.Hosting;

/// <summary>Silo services of the metadata, BCS and routing grains: caches fed by metadata publication and the alarm cluster placement.</summary>
public static class MetadataSiloBuilderExtensions
{
    /// <summary>
    /// Registers the secret protector (<c>BKMONITOR_SECRET_KEY</c> or a key file in <c>BKMONITOR_DATA_DIR</c>) and the
    /// BCS settings (section <c>BkMonitor:Bcs</c>, then <paramref name="configureBcs"/>), each unless registered already,
    /// so a host may call this before <c>AddBkMonitorGrains</c> with its own settings.
    /// </summary>
    public static ISiloBuilder AddBkMonitorMetadata(this ISiloBuilder silo, Action<BcsSettings>? configureBcs = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var configuration = silo.Configuration;
        var dataDirectory = configuration["BKMONITOR_DATA_DIR"] is { Length: > 0 } dir ? dir : "./data";
        var passphrase = configuration["BKMONITOR_SECRET_KEY"] is { Length: > 0 } key ? key : null;
        silo.Services.TryAddSingleton<ISecretProtector>(new ConfiguredSecretProtector(passphrase, dataDirectory));
        AddPublication(silo);
        if (silo.Services.Any(d => d.ServiceType == typeof(BcsSettings))) return silo;
        var bcs = new BcsSettings();
        var section = configuration.GetSection(BcsSettings.SectionName);
        bcs.Api.BaseUrl = section["Api:BaseUrl"] ?? "";
        bcs.Api.Token = section["Api:Token"] ?? "";
        if (section["Api:Tenants"] is { Length: > 0 } tenants) bcs.Api.Tenants = [.. tenants.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        bcs.GatewayHost = section["GatewayHost"] ?? "";
        if (int.TryParse(section["GatewayPort"], CultureInfo.InvariantCulture, out var port)) bcs.GatewayPort = port;
        bcs.GatewaySchema = section["GatewaySchema"] is { Length: > 0 } schema ? schema : bcs.GatewaySchema;
        if (TimeSpan.TryParse(section["DiscoveryInterval"], CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero) bcs.DiscoveryInterval = interval;
        if (TimeSpan.TryParse(section["ResourceRefreshInterval"], CultureInfo.InvariantCulture, out var refresh) && refresh > TimeSpan.Zero) bcs.ResourceRefreshInterval = refresh;
        configureBcs?.Invoke(bcs);
        silo.Services.AddSingleton(bcs);
        return silo;
    }

    /// <summary>The per-silo caches, the change publisher and, unless the host set its own resolver, alarm cluster placement.</summary>
    private static void AddPublication(ISiloBuilder silo)
    {
        var services = silo.Services;
        if (services.Any(d => d.ServiceType == typeof(MetadataBroadcaster))) return;
        services.AddSingleton<MetadataBroadcaster>();
        services.AddSingleton<DataSourceCache>();
        services.AddSingleton<AlarmClusterPlacement>();
        services.TryAddSingleton<IPlacementRoleResolver>(sp => sp.GetRequiredService<AlarmClusterPlacement>());
        services.AddSingleton<ISiloLifecycleParticipant, AlarmRoutingSync>();
        services.AddSingleton<ISiloLifecycleParticipant, BcsDiscoveryStarter>();
        services.TryAddSingleton(ReadRoutingSettings(silo.Configuration));
    }

    /// <summary>
    /// <c>BkMonitor:Routing:Rules:{i}:TargetType|ClusterName|MatcherType|MatcherConfig</c>; MatcherConfig is the JSON
    /// condition list, e.g. <c>[{"method": "eq", "value": [2]}]</c>.
    /// </summary>
    private static RoutingSettings ReadRoutingSettings(IConfiguration configuration)
    {
        var settings = new RoutingSettings();
        foreach (var rule in configuration.GetSection(RoutingSettings.SectionName).GetSection("Rules").GetChildren())
        {
            JsonElement? matcherConfig = null;
            if (rule["MatcherConfig"] is { Length: > 0 } json)
            {
                try
                {
                    matcherConfig = JsonDocument.Parse(json).RootElement.Clone();
                }
                catch (JsonException e)
                {
                    throw new InvalidOperationException($"{rule.Path}:MatcherConfig is not JSON: {e.Message}", e);
                }
            }
            settings.Rules.Add(new ClusterRoutingRule
            {
                TargetType = rule["TargetType"] ?? "", ClusterName = rule["ClusterName"] ?? "", MatcherType = rule["MatcherType"] ?? "", MatcherConfig = matcherConfig,
            });
        }
        return settings;
    }
}
