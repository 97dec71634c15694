namespace BkMonitor.Runtime;

/// <summary>Base of generated proxies: a grain's identity plus the runtime that carries its calls.</summary>
public abstract class GrainReference : IAddressable
{
    protected GrainReference(IGrainCallRuntime runtime, GrainId grainId)
    {
        Runtime = runtime;
        GrainId = grainId;
    }

    public GrainId GrainId { get; }

    public IGrainCallRuntime Runtime { get; }

    /// <summary>Name of the grain interface this proxy implements.</summary>
    public abstract string InterfaceName { get; }

    protected ValueTask<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request) => Runtime.InvokeAsync(GrainId, request);

    protected void InvokeOneWay<TResult>(GrainRequest<TResult> request) => Runtime.InvokeOneWay(GrainId, request);

    public override string ToString() => $"{InterfaceName}:{GrainId}";

    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    public override int GetHashCode() => GrainId.GetHashCode();
}
