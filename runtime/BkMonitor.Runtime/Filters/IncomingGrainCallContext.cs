namespace BkMonitor.Runtime.Filters;

/// <summary>Runs the incoming filters of the target silo, then the grain method, inside the activation's turn.</summary>
internal sealed class IncomingGrainCallContext<TResult>(
    IIncomingGrainCallFilter[] filters,
    GrainId target,
    GrainRequest<TResult> request,
    object grain) : GrainCallPipeline<IIncomingGrainCallFilter, TResult>(filters, target, request)
{
    /// <summary>The grain instance the call runs on.</summary>
    public object Grain => grain;

    protected override Task InvokeFilter(IIncomingGrainCallFilter filter) => filter.Invoke(this);

    protected override async Task InvokeTargetAsync() => Result = await TypedRequest.InvokeAsync(grain);
}
