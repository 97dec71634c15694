namespace BkMonitor.Runtime.Testing;

/// <summary>The test cluster's client: every call enters the cluster through the first active silo, as through a gateway.</summary>
internal sealed class ClusterClient(TestCluster cluster) : IGrainCallRuntime
{
    public ValueTask<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request)
        => cluster.Gateway().CallRuntime.InvokeAsync(target, request);

    public void InvokeOneWay<TResult>(GrainId target, GrainRequest<TResult> request)
        => cluster.Gateway().CallRuntime.InvokeOneWay(target, request);
}
