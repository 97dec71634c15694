namespace BkMonitor.Runtime;

/// <summary>A grain call seen by a filter; <see cref="Invoke"/> runs the rest of the pipeline.</summary>
public interface IGrainCallContext
{
    GrainId TargetId { get; }

    GrainRequest Request { get; }

    string InterfaceName => Request.InterfaceName;

    string MethodName => Request.MethodName;

    /// <summary>The result once <see cref="Invoke"/> completed (boxed), settable by the filter.</summary>
    object? Result { get; set; }

    Task Invoke();
}

/// <summary>Runs on the target silo around each call to a grain (inside the activation's turn).</summary>
public interface IIncomingGrainCallFilter
{
    Task Invoke(IGrainCallContext context);
}

/// <summary>Runs on the caller around each call made through a grain reference.</summary>
public interface IOutgoingGrainCallFilter
{
    Task Invoke(IGrainCallContext context);
}
