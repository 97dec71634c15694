namespace BkMonitor.Runtime.Filters;

/// <summary>
/// A call passing through a chain of filters: each filter's <see cref="Invoke"/> runs the next one, and the
/// last step (<see cref="InvokeTargetAsync"/>) runs the grain method or sends the call.
/// </summary>
internal abstract class GrainCallPipeline<TFilter, TResult>(TFilter[] filters, GrainId target, GrainRequest<TResult> request) : IGrainCallContext
    where TFilter : class
{
    private int _next;

    public GrainId TargetId => target;

    public GrainRequest Request => request;

    public object? Result { get; set; }

    protected GrainRequest<TResult> TypedRequest => request;

    public Task Invoke() => _next < filters.Length ? InvokeFilter(filters[_next++]) : InvokeTargetAsync();

    public async ValueTask<TResult> RunAsync()
    {
        await Invoke();
        return Result is TResult result ? result : default!;
    }

    protected abstract Task InvokeFilter(TFilter filter);

    protected abstract Task InvokeTargetAsync();
}
