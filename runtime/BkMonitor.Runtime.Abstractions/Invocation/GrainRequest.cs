namespace BkMonitor.Runtime;

/// <summary>Flags a generated request carries from attributes on the interface method.</summary>
[Flags]
public enum InvokeMethodOptions
{
    None = 0,
    /// <summary>The method may interleave with any other request (<see cref="AlwaysInterleaveAttribute"/>).</summary>
    AlwaysInterleave = 1,
    /// <summary>Fire and forget: the caller does not wait (<see cref="OneWayAttribute"/>).</summary>
    OneWay = 2,
    /// <summary>The method does not change state and may interleave with other read-only requests.</summary>
    ReadOnly = 4,
}

/// <summary>
/// One grain method call with its arguments. The code generator emits a sealed subclass per interface
/// method; the runtime only sees this base, so the call path has no reflection.
/// </summary>
public abstract class GrainRequest
{
    /// <summary>Full name of the grain interface the method belongs to.</summary>
    public abstract string InterfaceName { get; }

    public abstract string MethodName { get; }

    /// <summary>Stable id of the method within its interface, used to create the request on the receiving silo.</summary>
    public abstract int MethodId { get; }

    public virtual InvokeMethodOptions Options => InvokeMethodOptions.None;

    public abstract int ArgumentCount { get; }

    public abstract object? GetArgument(int index);

    public abstract void SetArgument(int index, object? value);

    public abstract Type GetArgumentType(int index);

    /// <summary>The declared result type (<see cref="VoidResult"/> for Task/ValueTask methods).</summary>
    public abstract Type ResultType { get; }

    public override string ToString() => $"{InterfaceName}.{MethodName}";
}

/// <summary>A request whose method returns <typeparamref name="TResult"/>.</summary>
public abstract class GrainRequest<TResult> : GrainRequest
{
    public sealed override Type ResultType => typeof(TResult);

    /// <summary>Calls the method on the grain instance (runs inside a turn of the target activation).</summary>
    public abstract ValueTask<TResult> InvokeAsync(object target);
}

/// <summary>The result of methods returning plain Task/ValueTask.</summary>
public readonly record struct VoidResult;
