using BkMonitor.Runtime;
using BkMonitor.Runtime.Streams;

namespace BkMonitor.UnitTests.Streams;

/// <summary>
/// Stands in for the silo's call runtime in provider tests: activates grains from <see cref="GrainTypeRegistry"/>
/// on first call, runs OnActivateAsync and each request as one turn at a time, with <see cref="CurrentGrainContext"/>
/// set as the runtime does.
/// </summary>
internal sealed class TestGrainRuntime(Func<string, IStreamProvider> streamProviders, IServiceProvider services) : IGrainCallRuntime
{
    private readonly Dictionary<GrainId, Activation> _activations = [];
    private int _activationCount;

    public int ActivationCount => Volatile.Read(ref _activationCount);

    public async ValueTask<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        var activation = GetOrCreate(target);
        await activation.Turns.WaitAsync();
        try
        {
            using var current = CurrentGrainContext.Enter(activation.Context);
            if (!activation.Activated)
            {
                activation.Activated = true;
                await activation.Grain.OnActivateAsync(CancellationToken.None);
            }
            return await request.InvokeAsync(activation.Grain);
        }
        finally
        {
            activation.Turns.Release();
        }
    }

    public void InvokeOneWay<TResult>(GrainId target, GrainRequest<TResult> request) => _ = InvokeAsync(target, request).AsTask();

    /// <summary>Drops the activation (and its attached observers); the next call creates a new one.</summary>
    public void Deactivate(GrainId grainId)
    {
        lock (_activations)
        {
            _activations.Remove(grainId);
        }
    }

    private Activation GetOrCreate(GrainId target)
    {
        lock (_activations)
        {
            if (!_activations.TryGetValue(target, out var activation))
            {
                var context = new TestGrainContext(target, streamProviders, services);
                Grain grain;
                using (RuntimeContext.BeginActivating(context))
                {
                    grain = GrainTypeRegistry.GetClass(target.Type).Activator(context, services);
                }
                context.GrainInstance = grain;
                activation = new Activation(context, grain);
                _activations[target] = activation;
                Interlocked.Increment(ref _activationCount);
            }
            return activation;
        }
    }

    private sealed class Activation(TestGrainContext context, Grain grain)
    {
        public TestGrainContext Context { get; } = context;

        public Grain Grain { get; } = grain;

        public SemaphoreSlim Turns { get; } = new(1, 1);

        public bool Activated { get; set; }
    }
}
