using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.CodeGen.Nested;

/// <summary>Same simple name as <see cref="CodeGen.ICodeGenEchoGrain"/> in another namespace: generated names must not collide.</summary>
public interface ICodeGenEchoGrain : IGrainWithStringKey
{
    Task<string> Echo(string text);
}
