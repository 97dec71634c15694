namespace BkMonitor.Runtime;

/// <summary>Carries grain calls from references to activations (implemented by the silo and by cluster clients).</summary>
public interface IGrainCallRuntime
{
    /// <summary>Sends the request and completes with the grain's result, the grain's exception, or a <see cref="GrainCallTimeoutException"/>.</summary>
    ValueTask<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request);

    /// <summary>Sends the request without waiting for a result.</summary>
    void InvokeOneWay<TResult>(GrainId target, GrainRequest<TResult> request);
}
