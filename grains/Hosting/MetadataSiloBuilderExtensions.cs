using BkMonitor.Grains.Metadata;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BkMonitor.Grains.Hosting;

/// <summary>Silo services of the metadata, BCS and routing grains.</summary>
public static class MetadataSiloBuilderExtensions
{
    /// <summary>
    /// Registers the secret protector (<c>BKMONITOR_SECRET_KEY</c> or a key file in <c>BKMONITOR_DATA_DIR</c>) unless
    /// one is registered already.
    /// </summary>
    public static ISiloBuilder AddBkMonitorMetadata(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var configuration = silo.Configuration;
        var dataDirectory = configuration["BKMONITOR_DATA_DIR"] is { Length: > 0 } dir ? dir : "./data";
        var passphrase = configuration["BKMONITOR_SECRET_KEY"] is { Length: > 0 } key ? key : null;
        silo.Services.TryAddSingleton<ISecretProtector>(new ConfiguredSecretProtector(passphrase, dataDirectory));
        return silo;
    }
}
