using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace BkMonitor.Runtime.CodeGen.Diagnostics;

/// <summary>Errors the grain code generator reports instead of emitting code that would not work.</summary>
internal static class GrainDiagnostics
{
    private const string Category = "BkMonitor.GrainCodeGen";

    // RS2008 (analyzer release tracking) does not apply: these ids ship with the repository, not as a package.
#pragma warning disable RS2008
    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "BKGEN001",
        "Grain method has an unsupported return type",
        "Grain interface '{0}' method '{1}' returns '{2}': grain methods must return Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor UnsupportedMember = Error(
        "BKGEN002",
        "Grain interface has an unsupported member",
        "Grain interface '{0}' declares {1} '{2}': grain interfaces may only declare instance methods returning Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "BKGEN003",
        "Generic grain methods are not supported",
        "Grain interface '{0}' method '{1}' is generic: grain methods cannot have type parameters");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
        "BKGEN004",
        "Grain method has an unsupported parameter",
        "Grain interface '{0}' method '{1}' parameter '{2}' is {3}: grain method arguments are passed by value and must be storable as object");

    public static readonly DiagnosticDescriptor GenericInterface = Error(
        "BKGEN005",
        "Generic grain interfaces are not supported",
        "Grain interface '{0}' is generic or nested in a generic type: grain interfaces cannot have type parameters");

    public static readonly DiagnosticDescriptor Inaccessible = Error(
        "BKGEN006",
        "Grain type is not accessible to generated code",
        "'{0}' is private or protected: grain interfaces and grain classes must be public or internal so generated code can use them");

    public static readonly DiagnosticDescriptor OneWayWithResult = Error(
        "BKGEN007",
        "One-way grain method returns a value",
        "Grain interface '{0}' method '{1}' is [OneWay] but returns '{2}': one-way methods must return Task or ValueTask");

    public static readonly DiagnosticDescriptor SeveralConstructors = Error(
        "BKGEN008",
        "Grain class has several public constructors",
        "Grain class '{0}' has {1} public constructors: the runtime activates grains through exactly one public constructor");

    public static readonly DiagnosticDescriptor NoPublicConstructor = Error(
        "BKGEN009",
        "Grain class has no public constructor",
        "Grain class '{0}' has no public constructor: the runtime activates grains through exactly one public constructor");

    public static readonly DiagnosticDescriptor InvalidPersistentState = Error(
        "BKGEN010",
        "Invalid [PersistentState] parameter",
        "Grain class '{0}' constructor parameter '{1}' {2}");

    public static readonly DiagnosticDescriptor DuplicateGrainType = Error(
        "BKGEN011",
        "Duplicate grain type name",
        "Grain type name '{0}' of grain class '{1}' is also used by '{2}': give one of them a distinct [GrainType(\"...\")]");

    public static readonly DiagnosticDescriptor InvalidGrainType = Error(
        "BKGEN012",
        "Invalid grain type name",
        "Grain class '{0}' has grain type name '{1}': a grain type name must be non-empty and must not contain '/'");

    public static readonly DiagnosticDescriptor GenericGrainClass = Error(
        "BKGEN013",
        "Generic grain classes are not supported",
        "Grain class '{0}' is generic or nested in a generic type: the runtime cannot choose its type arguments");

    public static readonly DiagnosticDescriptor InvalidStatelessWorker = Error(
        "BKGEN014",
        "Invalid [StatelessWorker] pool size",
        "Grain class '{0}' has [StatelessWorker({1})]: the local pool size must be 0 (one per processor) or positive");
#pragma warning restore RS2008

    private static readonly Dictionary<string, DiagnosticDescriptor> Descriptors = Index(
        UnsupportedReturnType, UnsupportedMember, GenericMethod, UnsupportedParameter, GenericInterface, Inaccessible,
        OneWayWithResult, SeveralConstructors, NoPublicConstructor, InvalidPersistentState, DuplicateGrainType,
        InvalidGrainType, GenericGrainClass, InvalidStatelessWorker);

    public static DiagnosticDescriptor ById(string id) => Descriptors[id];

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var index = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var descriptor in descriptors)
        {
            index.Add(descriptor.Id, descriptor);
        }
        return index;
    }
}
