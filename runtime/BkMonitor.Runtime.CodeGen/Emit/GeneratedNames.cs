using System.Collections.Generic;
using BkMonitor.Runtime.CodeGen.Analysis;
using BkMonitor.Runtime.CodeGen.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace BkMonitor.Runtime.CodeGen.Emit;

/// <summary>Names of generated types and files; deterministic, unique within one compilation.</summary>
internal static class GeneratedNames
{
    public const string Support = "GeneratedGrainSupport";
    public const string Registration = "GrainModuleRegistration";
    public const string RequestFactory = "RequestFor";

    /// <summary>
    /// Key of the AssemblyMetadata attribute marking assemblies with generated registrations. A module initializer
    /// only runs once code of its module runs, so hosts find grain assemblies by this key and run their module
    /// constructors up front.
    /// </summary>
    public const string AssemblyMetadataKey = "BkMonitor.Runtime.GrainRegistration";

    public static string Namespace(string assemblyName) => "BkMonitor.Generated." + GrainSymbols.Sanitize(assemblyName);

    /// <summary>Proxy class names: the short interface name, or the whole sanitised full name when two interfaces share it.</summary>
    public static Dictionary<string, string> ProxyNames(IReadOnlyList<GrainInterfaceModel> interfaces)
    {
        var shortNameCounts = new Dictionary<string, int>();
        foreach (var itf in interfaces)
        {
            shortNameCounts[itf.ShortName] = shortNameCounts.TryGetValue(itf.ShortName, out var count) ? count + 1 : 1;
        }
        var names = new Dictionary<string, string>();
        foreach (var itf in interfaces)
        {
            var stem = shortNameCounts[itf.ShortName] == 1 ? itf.ShortName : GrainSymbols.Sanitize(itf.FullName);
            names[itf.FullName] = stem + "Proxy";
        }
        return names;
    }

    /// <summary>Request classes are nested in the proxy; overloads get the method id appended.</summary>
    public static string[] RequestNames(GrainInterfaceModel itf)
    {
        var counts = new Dictionary<string, int>();
        foreach (var method in itf.Methods)
        {
            counts[method.Name] = counts.TryGetValue(method.Name, out var count) ? count + 1 : 1;
        }
        var names = new string[itf.Methods.Length];
        foreach (var method in itf.Methods)
        {
            names[method.Id] = counts[method.Name] == 1 ? method.Name + "Request" : method.Name + "_" + method.Id + "Request";
        }
        return names;
    }

    /// <summary>Full names are unique in a compilation and already file-name safe apart from generic arity markers.</summary>
    public static string ProxyHintName(GrainInterfaceModel itf) => itf.FullName.Replace('`', '_') + ".Proxy.g.cs";

    public static string Literal(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);
}
