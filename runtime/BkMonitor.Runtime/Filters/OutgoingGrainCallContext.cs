using BkMonitor.Runtime.Messaging;

namespace BkMonitor.Runtime.Filters;

/// <summary>Runs the caller's outgoing filters, then sends the call.</summary>
internal sealed class OutgoingGrainCallContext<TResult>(
    IOutgoingGrainCallFilter[] filters,
    GrainCallRuntime runtime,
    GrainId target,
    GrainRequest<TResult> request) : IGrainCallContext
{
    private int _next;

    public GrainId TargetId => target;

    public GrainRequest Request => request;

    public object? Result { get; set; }

    public Task Invoke() => _next < filters.Length ? filters[_next++].Invoke(this) : SendAsync();

    public async ValueTask<TResult> RunAsync()
    {
        await Invoke();
        return Result is TResult result ? result : default!;
    }

    private async Task SendAsync() => Result = await runtime.Send(target, request);
}
