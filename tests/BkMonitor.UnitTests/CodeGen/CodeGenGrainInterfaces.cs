using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.CodeGen;

// Grain interfaces the generator runs on inside this test assembly; one per feature it must handle.

/// <summary>Every return shape, method flag and argument form.</summary>
public interface ICodeGenEchoGrain : IGrainWithStringKey
{
    Task<long> Add(long a, int b);

    [AlwaysInterleave]
    Task<string?> Describe(string? prefix, CancellationToken cancellationToken = default);

    Task<string> Echo(string text);

    Task Fail(string message);

    [ReadOnly]
    ValueTask<int> GetCount();

    Task<string> Keywords(string @event, int @class, params string[] @params);

    [OneWay]
    Task Notify(string message);

    [OneWay]
    ValueTask NotifyValue(int code);

    Task<string> Overload(int value);

    Task<string> Overload(string value);

    Task Ping();

    Task<int> Sum(int a, int b = 10);

    ValueTask Touch(int times);

    [AlwaysInterleave]
    [ReadOnly]
    ValueTask<long?> Lookup(long? key);
}

/// <summary>Integer key, and an inherited system interface (reminders).</summary>
public interface ICodeGenCounterGrain : IGrainWithIntegerKey, IRemindable
{
    Task<long> Increment(long by);

    Task<long> Get();
}

public interface ICodeGenBaseGrain : IGrainWithStringKey
{
    Task<string> Name();
}

/// <summary>Inherits a grain interface of the same compilation.</summary>
public interface ICodeGenDerivedGrain : ICodeGenBaseGrain
{
    Task<string> Extra();
}

internal interface ICodeGenInternalGrain : IGrainWithStringKey
{
    Task<int> Secret();
}

public static class CodeGenContainer
{
    /// <summary>A nested interface: its runtime name uses '+'.</summary>
    public interface ICodeGenNestedGrain : IGrainWithIntegerKey
    {
        Task<int> Depth();
    }
}
