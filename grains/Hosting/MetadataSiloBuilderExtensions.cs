using System.Globalization;
using BkMonitor.Grains.Bcs;
using BkMonitor.Grains.Metadata;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BkMonitor.Grains.Hosting;

/// <summary>Silo services of the metadata, BCS and routing grains.</summary>
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
        configureBcs?.Invoke(bcs);
        silo.Services.AddSingleton(bcs);
        return silo;
    }
}
