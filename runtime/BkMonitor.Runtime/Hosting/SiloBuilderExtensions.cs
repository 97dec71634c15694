using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Core configuration verbs on <see cref="ISiloBuilder"/>; providers add their own (AddMemoryGrainStorage...).</summary>
public static class SiloBuilderExtensions
{
    public static ISiloBuilder Configure(this ISiloBuilder builder, Action<SiloOptions> configure)
    {
        builder.Services.Configure(configure);
        return builder;
    }

    public static ISiloBuilder AddIncomingGrainCallFilter<TFilter>(this ISiloBuilder builder) where TFilter : class, IIncomingGrainCallFilter
    {
        builder.Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        return builder;
    }

    public static ISiloBuilder AddIncomingGrainCallFilter(this ISiloBuilder builder, IIncomingGrainCallFilter filter)
    {
        builder.Services.AddSingleton(filter);
        return builder;
    }

    public static ISiloBuilder AddOutgoingGrainCallFilter<TFilter>(this ISiloBuilder builder) where TFilter : class, IOutgoingGrainCallFilter
    {
        builder.Services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
        return builder;
    }

    public static ISiloBuilder AddOutgoingGrainCallFilter(this ISiloBuilder builder, IOutgoingGrainCallFilter filter)
    {
        builder.Services.AddSingleton(filter);
        return builder;
    }

    public static ISiloBuilder UsePlacementRoleResolver<TResolver>(this ISiloBuilder builder) where TResolver : class, IPlacementRoleResolver
    {
        builder.Services.RemoveAll<IPlacementRoleResolver>();
        builder.Services.AddSingleton<IPlacementRoleResolver, TResolver>();
        return builder;
    }

    public static ISiloBuilder AddLifecycleParticipant<TParticipant>(this ISiloBuilder builder) where TParticipant : class, ISiloLifecycleParticipant
    {
        builder.Services.AddSingleton<ISiloLifecycleParticipant, TParticipant>();
        return builder;
    }

    /// <summary>
    /// Registers a <see cref="PrometheusExporter"/> (singleton, listening from the silo's first stage) over the
    /// BkMonitor meters, for the host to serve on <c>/metrics</c>. Not on by default: a listener costs a little per call.
    /// </summary>
    public static ISiloBuilder AddPrometheusMetrics(this ISiloBuilder builder, params string[] meterNamePrefixes)
    {
        builder.Services.TryAddSingleton(_ => new PrometheusExporter(meterNamePrefixes));
        builder.Services.AddSingleton<ISiloLifecycleParticipant, PrometheusExporterParticipant>();
        return builder;
    }

    /// <summary>Joins the in-process cluster of <paramref name="directory"/> (several silos in one process).</summary>
    public static ISiloBuilder UseInProcessMembership(this ISiloBuilder builder, ClusterDirectory directory)
    {
        builder.Services.RemoveAll<ClusterDirectory>();
        builder.Services.AddSingleton(directory);
        return builder;
    }

    /// <summary>Uses another membership (e.g. Redis). Calls to silos outside this process need a transport too.</summary>
    public static ISiloBuilder UseMembership<TOracle>(this ISiloBuilder builder) where TOracle : class, IMembershipOracle
    {
        builder.Services.RemoveAll<IMembershipOracle>();
        builder.Services.AddSingleton<IMembershipOracle, TOracle>();
        return builder;
    }

    internal static void AddRuntimeDefaults(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClusterDirectory>();
        services.TryAddSingleton<IMembershipOracle>(sp => sp.GetRequiredService<ClusterDirectory>());
        services.TryAddSingleton<ISiloTransport>(sp => sp.GetRequiredService<ClusterDirectory>());
    }
}
