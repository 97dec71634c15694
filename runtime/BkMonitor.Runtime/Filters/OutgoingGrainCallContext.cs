using BkMonitor.Runtime.Messaging;

namespace BkMonitor.Runtime.Filters;

/// <summary>Runs the caller's outgoing filters, then sends the call.</summary>
internal sealed class OutgoingGrainCallContext<TResult>(
    IOutgoingGrainCallFilter[] filters,
    GrainCallRuntime runtime,
    GrainId target,
    GrainRequest<TResult> request) : GrainCallPipeline<IOutgoingGrainCallFilter, TResult>(filters, target, request)
{
    protected override Task InvokeFilter(IOutgoingGrainCallFilter filter) => filter.Invoke(this);

    protected override async Task InvokeTargetAsync() => Result = await runtime.Send(TargetId, TypedRequest);
}
