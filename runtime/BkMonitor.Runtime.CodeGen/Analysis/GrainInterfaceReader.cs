using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using BkMonitor.Runtime.CodeGen.Diagnostics;
using BkMonitor.Runtime.CodeGen.Model;
using Microsoft.CodeAnalysis;

namespace BkMonitor.Runtime.CodeGen.Analysis;

/// <summary>Turns a grain interface symbol into a <see cref="GrainInterfaceModel"/>, reporting what cannot become a grain call.</summary>
internal static class GrainInterfaceReader
{
    public static GrainInterfaceModel? Read(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (!GrainSymbols.IsGrainInterface(type))
        {
            return null;
        }
        var fullName = GrainSymbols.FullName(type);
        var diagnostics = new List<DiagnosticInfo>();
        if (GrainSymbols.IsGenericOrNestedInGeneric(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.GenericInterface, type, fullName));
        }
        if (!GrainSymbols.IsReachable(type, out var isPublic))
        {
            diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.Inaccessible, type, fullName));
        }

        var candidates = new List<SortableMethod>();
        CollectMethods(type, type, candidates, diagnostics, cancellationToken);
        foreach (var baseInterface in type.AllInterfaces)
        {
            if (!GrainSymbols.IsMarkerInterface(baseInterface))
            {
                CollectMethods(type, baseInterface, candidates, diagnostics, cancellationToken);
            }
        }
        candidates.Sort(static (a, b) => string.CompareOrdinal(a.SortKey, b.SortKey));

        var methods = new GrainMethodModel[candidates.Count];
        for (var id = 0; id < methods.Length; id++)
        {
            methods[id] = ToModel(id, candidates[id]);
        }
        return new GrainInterfaceModel(
            fullName,
            type.ToDisplayString(GrainSymbols.TypeFormat),
            ShortName(type),
            isPublic,
            methods.ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }

    private static void CollectMethods(
        INamedTypeSymbol grainInterface,
        INamedTypeSymbol declaring,
        List<SortableMethod> methods,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        var declaringName = GrainSymbols.FullName(declaring);
        foreach (var member in declaring.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Members with a body (default implementations, static helpers) run on the caller and are not part of the grain contract.
            if (!member.IsAbstract)
            {
                continue;
            }
            // Members of base interfaces from other assemblies have no source location: report them on the grain interface being generated.
            var reportAt = member.Locations.Length > 0 && member.Locations[0].IsInSource ? member : grainInterface;
            if (member is IMethodSymbol { AssociatedSymbol: not null })
            {
                // Accessors are reported through their property or event.
                continue;
            }
            switch (member)
            {
                case { IsStatic: true }:
                    diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.UnsupportedMember, reportAt, declaringName, "a static abstract member", member.Name));
                    break;
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                    if (Validate(declaringName, method, reportAt, diagnostics))
                    {
                        methods.Add(new SortableMethod(method, declaring, SortKey(declaringName, method)));
                    }
                    break;
                case IPropertySymbol property:
                    diagnostics.Add(DiagnosticInfo.Create(
                        GrainDiagnostics.UnsupportedMember, reportAt, declaringName, property.IsIndexer ? "an indexer" : "a property", property.Name));
                    break;
                case IEventSymbol:
                    diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.UnsupportedMember, reportAt, declaringName, "an event", member.Name));
                    break;
                default:
                    diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.UnsupportedMember, reportAt, declaringName, "a member", member.Name));
                    break;
            }
        }
    }

    private static bool Validate(string declaringName, IMethodSymbol method, ISymbol reportAt, List<DiagnosticInfo> diagnostics)
    {
        var count = diagnostics.Count;
        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.GenericMethod, reportAt, declaringName, method.Name));
        }
        var returnType = method.ReturnType.ToDisplayString();
        var shape = method.ReturnsByRef || method.ReturnsByRefReadonly ? null : ShapeOf(method.ReturnType);
        if (shape is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.UnsupportedReturnType, reportAt, declaringName, method.Name, returnType));
        }
        else if (shape is ReturnShape.TaskOfT or ReturnShape.ValueTaskOfT && GrainSymbols.FindAttribute(method, "OneWayAttribute") is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.OneWayWithResult, reportAt, declaringName, method.Name, returnType));
        }
        foreach (var parameter in method.Parameters)
        {
            var problem = parameter.RefKind != RefKind.None ? "passed by reference (ref, out or in)"
                : parameter.Type.IsRefLikeType ? "a ref struct"
                : parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer ? "a pointer"
                : null;
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.UnsupportedParameter, reportAt, declaringName, method.Name, parameter.Name, problem));
            }
        }
        return diagnostics.Count == count;
    }

    private static ReturnShape? ShapeOf(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named || named.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
        {
            return null;
        }
        return named.MetadataName switch
        {
            "Task" => ReturnShape.Task,
            "Task`1" => ReturnShape.TaskOfT,
            "ValueTask" => ReturnShape.ValueTask,
            "ValueTask`1" => ReturnShape.ValueTaskOfT,
            _ => null,
        };
    }

    // Method ids must agree between every silo and client built from the same interface: order by declaring interface, name and signature.
    private static string SortKey(string declaringName, IMethodSymbol method)
    {
        var key = new StringBuilder(declaringName).Append('\0').Append(method.Name).Append('(');
        foreach (var parameter in method.Parameters)
        {
            key.Append(parameter.Type.ToDisplayString(GrainSymbols.TypeOfFormat)).Append(',');
        }
        return key.Append(')').ToString();
    }

    private static GrainMethodModel ToModel(int id, SortableMethod candidate)
    {
        var method = candidate.Method;
        var shape = ShapeOf(method.ReturnType)!.Value;
        var resultType = shape is ReturnShape.TaskOfT or ReturnShape.ValueTaskOfT
            ? ((INamedTypeSymbol)method.ReturnType).TypeArguments[0].ToDisplayString(GrainSymbols.TypeFormat)
            : "global::BkMonitor.Runtime.VoidResult";
        var options = 0;
        if (GrainSymbols.FindAttribute(method, "AlwaysInterleaveAttribute") is not null)
        {
            options |= GrainMethodModel.AlwaysInterleave;
        }
        if (GrainSymbols.FindAttribute(method, "OneWayAttribute") is not null)
        {
            options |= GrainMethodModel.OneWay;
        }
        if (GrainSymbols.FindAttribute(method, "ReadOnlyAttribute") is not null)
        {
            options |= GrainMethodModel.ReadOnly;
        }
        var parameters = new GrainParameterModel[method.Parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var type = parameter.Type;
            var acceptsNull = (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
                || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            parameters[i] = new GrainParameterModel(
                GrainSymbols.Escape(parameter.Name.Length > 0 ? parameter.Name : "arg" + i),
                type.ToDisplayString(GrainSymbols.TypeFormat),
                type.ToDisplayString(GrainSymbols.TypeOfFormat),
                parameter.IsParams,
                acceptsNull);
        }
        return new GrainMethodModel(
            id,
            method.Name,
            GrainSymbols.Escape(method.Name),
            candidate.Declaring.ToDisplayString(GrainSymbols.TypeFormat),
            method.ReturnType.ToDisplayString(GrainSymbols.TypeFormat),
            shape,
            resultType,
            options,
            parameters.ToEquatableArray());
    }

    /// <summary>The interface name without namespace and conventional 'I' prefix; containing types joined by '_'.</summary>
    private static string ShortName(INamedTypeSymbol type)
    {
        var name = type.Name.Length > 1 && type.Name[0] == 'I' && char.IsUpper(type.Name[1]) ? type.Name.Substring(1) : type.Name;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.Name + "_" + name;
        }
        return GrainSymbols.Sanitize(name);
    }

    private sealed record SortableMethod(IMethodSymbol Method, INamedTypeSymbol Declaring, string SortKey);
}
