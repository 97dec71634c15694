using System.Globalization;
using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.CodeGen;

/// <summary>
/// Test double of the runtime seam: records every call a generated proxy makes and runs it directly on an
/// activation built by the generated activator (no scheduling, no turns: that is the runtime's job).
/// </summary>
internal sealed class LoopbackCallRuntime(IServiceProvider services) : IGrainCallRuntime, IGrainFactory
{
    private readonly Dictionary<GrainId, Grain> _activations = [];

    public List<(GrainId Target, GrainRequest Request, bool OneWay)> Calls { get; } = [];

    public ValueTask<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        Calls.Add((target, request, false));
        return request.InvokeAsync(Activation(target));
    }

    public void InvokeOneWay<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        Calls.Add((target, request, true));
        _ = request.InvokeAsync(Activation(target));
    }

    public Grain Activation(GrainId grainId)
    {
        if (!_activations.TryGetValue(grainId, out var grain))
        {
            var context = new FakeGrainContext(grainId, this, services);
            grain = GrainTypeRegistry.GetClass(grainId.Type).Activator(context, services);
            context.GrainInstance = grain;
            _activations.Add(grainId, grain);
        }
        return grain;
    }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
        => GetGrain<TGrainInterface>(new GrainId(GrainTypeRegistry.GetClassForInterface(typeof(TGrainInterface)).GrainType, primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey
        => GetGrain<TGrainInterface>(new GrainId(
            GrainTypeRegistry.GetClassForInterface(typeof(TGrainInterface)).GrainType,
            primaryKey.ToString(CultureInfo.InvariantCulture)));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable
        => (TGrainInterface)(object)GrainTypeRegistry.GetInterface(typeof(TGrainInterface)).ProxyFactory(this, grainId);
}
