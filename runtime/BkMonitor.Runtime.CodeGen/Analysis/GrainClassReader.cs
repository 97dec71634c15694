using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using BkMonitor.Runtime.CodeGen.Diagnostics;
using BkMonitor.Runtime.CodeGen.Model;
using Microsoft.CodeAnalysis;

namespace BkMonitor.Runtime.CodeGen.Analysis;

/// <summary>Turns a concrete grain class symbol into a <see cref="GrainClassModel"/>: identity, flags and how to construct it.</summary>
internal static class GrainClassReader
{
    private const string GrainSuffix = "Grain";

    public static GrainClassModel? Read(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || !GrainSymbols.DerivesFromGrain(type))
        {
            return null;
        }
        var fullName = GrainSymbols.FullName(type);
        var diagnostics = new List<DiagnosticInfo>();
        if (GrainSymbols.IsGenericOrNestedInGeneric(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.GenericGrainClass, type, fullName));
        }
        if (!GrainSymbols.IsReachable(type, out _))
        {
            diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.Inaccessible, type, fullName));
        }

        var grainType = StringArgument(GrainSymbols.FindAttribute(type, "GrainTypeAttribute"), 0) ?? DefaultGrainType(type.Name);
        if (grainType.Length == 0 || grainType.IndexOf('/') >= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.InvalidGrainType, type, fullName, grainType));
        }

        int? statelessWorker = null;
        if (GrainSymbols.FindAttribute(type, "StatelessWorkerAttribute") is { } worker)
        {
            statelessWorker = worker.ConstructorArguments.Length > 0 && worker.ConstructorArguments[0].Value is int max ? max : 0;
            if (statelessWorker < 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.InvalidStatelessWorker, type, fullName, statelessWorker.Value.ToString(CultureInfo.InvariantCulture)));
            }
        }

        var streamNamespaces = new List<string>();
        foreach (var attribute in type.GetAttributes())
        {
            if (GrainSymbols.IsRuntimeType(attribute.AttributeClass, "ImplicitStreamSubscriptionAttribute") && StringArgument(attribute, 0) is { } ns)
            {
                streamNamespaces.Add(ns);
            }
        }

        var interfaces = new List<string>();
        foreach (var candidate in type.AllInterfaces)
        {
            if (GrainSymbols.IsGrainInterface(candidate))
            {
                interfaces.Add(candidate.ToDisplayString(GrainSymbols.TypeOfFormat));
            }
        }
        interfaces.Sort(string.CompareOrdinal);

        cancellationToken.ThrowIfCancellationRequested();
        var arguments = ReadConstructor(type, fullName, diagnostics);
        return new GrainClassModel(
            fullName,
            type.ToDisplayString(GrainSymbols.TypeOfFormat),
            grainType,
            interfaces.ToEquatableArray(),
            GrainSymbols.FindAttribute(type, "ReentrantAttribute") is not null,
            statelessWorker,
            streamNamespaces.ToEquatableArray(),
            StringArgument(GrainSymbols.FindAttribute(type, "SiloRoleAttribute"), 0),
            arguments.ToEquatableArray(),
            LocationInfo.From(type),
            diagnostics.ToEquatableArray());
    }

    /// <summary>StrategyGrain → "strategy": Orleans' convention of the class name without the Grain suffix, lower-cased.</summary>
    public static string DefaultGrainType(string className)
    {
        var name = className.Length > GrainSuffix.Length && className.EndsWith(GrainSuffix, StringComparison.Ordinal)
            ? className.Substring(0, className.Length - GrainSuffix.Length)
            : className;
        return name.ToLowerInvariant();
    }

    private static List<ActivatorArgument> ReadConstructor(INamedTypeSymbol type, string fullName, List<DiagnosticInfo> diagnostics)
    {
        var arguments = new List<ActivatorArgument>();
        IMethodSymbol? constructor = null;
        var publicCount = 0;
        foreach (var candidate in type.InstanceConstructors)
        {
            if (candidate.DeclaredAccessibility == Accessibility.Public)
            {
                constructor = candidate;
                publicCount++;
            }
        }
        if (publicCount != 1 || constructor is null)
        {
            diagnostics.Add(publicCount == 0
                ? DiagnosticInfo.Create(GrainDiagnostics.NoPublicConstructor, type, fullName)
                : DiagnosticInfo.Create(GrainDiagnostics.SeveralConstructors, type, fullName, publicCount.ToString(CultureInfo.InvariantCulture)));
            return arguments;
        }
        foreach (var parameter in constructor.Parameters)
        {
            arguments.Add(ReadParameter(parameter, fullName, diagnostics));
        }
        return arguments;
    }

    private static ActivatorArgument ReadParameter(IParameterSymbol parameter, string fullName, List<DiagnosticInfo> diagnostics)
    {
        var type = parameter.Type;
        var typeSyntax = type.ToDisplayString(GrainSymbols.TypeOfFormat);
        if (GrainSymbols.FindAttribute(parameter, "PersistentStateAttribute") is { } persistent)
        {
            var problem = PersistentStateProblem(type, StringArgument(persistent, 0));
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.InvalidPersistentState, parameter, fullName, parameter.Name, problem));
                return new ActivatorArgument(ArgumentSource.RequiredService, typeSyntax, null, null);
            }
            var stateType = ((INamedTypeSymbol)type).TypeArguments[0];
            return new ActivatorArgument(
                ArgumentSource.PersistentState,
                stateType.ToDisplayString(GrainSymbols.TypeOfFormat),
                StringArgument(persistent, 0),
                StringArgument(persistent, 1));
        }
        if (GrainSymbols.IsRuntimeType(type, "IGrainContext"))
        {
            return new ActivatorArgument(ArgumentSource.GrainContext, typeSyntax, null, null);
        }
        if (GrainSymbols.IsRuntimeType(type, "IGrainFactory"))
        {
            return new ActivatorArgument(ArgumentSource.GrainFactory, typeSyntax, null, null);
        }
        // A nullable service parameter (ILogger? logger) means the grain copes without it.
        var optional = type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated;
        return new ActivatorArgument(optional ? ArgumentSource.OptionalService : ArgumentSource.RequiredService, typeSyntax, null, null);
    }

    private static string? PersistentStateProblem(ITypeSymbol type, string? stateName)
    {
        if (type is not INamedTypeSymbol { TypeArguments.Length: 1 } named
            || !GrainSymbols.IsRuntimeNamespace(named.ContainingNamespace)
            || named.MetadataName != "IPersistentState`1")
        {
            return $"has [PersistentState] but is of type '{type.ToDisplayString()}': it must be IPersistentState<T>";
        }
        if (string.IsNullOrEmpty(stateName))
        {
            return "has [PersistentState] with an empty state name";
        }
        var state = named.TypeArguments[0];
        if (!HasParameterlessConstructor(state))
        {
            return $"has state type '{state.ToDisplayString()}' without a public parameterless constructor: persistent state types need one";
        }
        return null;
    }

    private static bool HasParameterlessConstructor(ITypeSymbol type)
    {
        if (type.IsValueType)
        {
            return true;
        }
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } named)
        {
            return false;
        }
        foreach (var constructor in named.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 0 && constructor.DeclaredAccessibility == Accessibility.Public)
            {
                return true;
            }
        }
        return false;
    }

    private static string? StringArgument(AttributeData? attribute, int index)
        => attribute is not null && attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value as string : null;
}
