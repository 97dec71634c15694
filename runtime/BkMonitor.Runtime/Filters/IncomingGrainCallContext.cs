namespace BkMonitor.Runtime.Filters;

/// <summary>Runs the incoming filters of the target silo, then the grain method, inside the activation's turn.</summary>
internal sealed class IncomingGrainCallContext<TResult>(
    IIncomingGrainCallFilter[] filters,
    GrainId target,
    GrainRequest<TResult> request,
    object grain) : IGrainCallContext
{
    private int _next;

    public GrainId TargetId => target;

    public GrainRequest Request => request;

    /// <summary>The grain instance the call runs on.</summary>
    public object Grain => grain;

    public object? Result { get; set; }

    public Task Invoke() => _next < filters.Length ? filters[_next++].Invoke(this) : InvokeGrainAsync();

    public async ValueTask<TResult> RunAsync()
    {
        await Invoke();
        return Result is TResult result ? result : default!;
    }

    private async Task InvokeGrainAsync() => Result = await request.InvokeAsync(grain);
}
