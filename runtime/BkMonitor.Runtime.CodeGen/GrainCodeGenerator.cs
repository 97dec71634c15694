using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BkMonitor.Runtime.CodeGen.Analysis;
using BkMonitor.Runtime.CodeGen.Diagnostics;
using BkMonitor.Runtime.CodeGen.Emit;
using BkMonitor.Runtime.CodeGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BkMonitor.Runtime.CodeGen;

/// <summary>
/// Generates, for the compilation it runs in, a proxy and request classes for every grain interface, an
/// activator and descriptor for every concrete grain class, and a module initializer registering them all
/// in the runtime's GrainTypeRegistry.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainCodeGenerator : IIncrementalGenerator
{
    /// <summary>Step names for incremental-caching tests.</summary>
    public const string InterfacesStep = "GrainInterfaces";
    public const string ClassesStep = "GrainClasses";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Anything deriving from IGrain or Grain has a base list on at least one of its declarations.
        var interfaces = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                static (syntax, ct) => syntax.SemanticModel.GetDeclaredSymbol(syntax.Node, ct) is INamedTypeSymbol type
                    ? GrainInterfaceReader.Read(type, ct)
                    : null)
            .Where(static model => model is not null)
            .WithTrackingName(InterfacesStep)
            .Collect();
        var classes = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                static (syntax, ct) => syntax.SemanticModel.GetDeclaredSymbol(syntax.Node, ct) is INamedTypeSymbol type
                    ? GrainClassReader.Read(type, ct)
                    : null)
            .Where(static model => model is not null)
            .WithTrackingName(ClassesStep)
            .Collect();
        var assemblyName = context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName ?? "Assembly");

        context.RegisterSourceOutput(interfaces.Combine(classes).Combine(assemblyName), static (output, source) =>
        {
            var ((interfaceModels, classModels), assembly) = source;
            Generate(output, interfaceModels!, classModels!, assembly);
        });
    }

    private static void Generate(
        SourceProductionContext output,
        ImmutableArray<GrainInterfaceModel?> interfaceModels,
        ImmutableArray<GrainClassModel?> classModels,
        string assemblyName)
    {
        var reported = new HashSet<DiagnosticInfo>();
        var interfaces = Valid(interfaceModels, static m => m.FullName, static m => m.Diagnostics, reported, output);
        var classes = Valid(classModels, static m => m.FullName, static m => m.Diagnostics, reported, output);
        RemoveDuplicateGrainTypes(classes, output);
        if (interfaces.Count == 0 && classes.Count == 0)
        {
            return;
        }

        var ns = GeneratedNames.Namespace(assemblyName);
        var proxyNames = GeneratedNames.ProxyNames(interfaces);
        foreach (var itf in interfaces)
        {
            output.AddSource(GeneratedNames.ProxyHintName(itf), InterfaceEmitter.Emit(ns, itf, proxyNames[itf.FullName]));
        }
        output.AddSource(GeneratedNames.Support + ".g.cs", SupportEmitter.Emit(ns));
        output.AddSource(GeneratedNames.Registration + ".g.cs", RegistrationEmitter.Emit(ns, interfaces, proxyNames, classes));
    }

    /// <summary>
    /// One model per type (partial declarations yield several), sorted by full name for deterministic output;
    /// types with errors are reported once and left out.
    /// </summary>
    private static List<T> Valid<T>(
        ImmutableArray<T?> models,
        Func<T, string> fullName,
        Func<T, EquatableArray<DiagnosticInfo>> diagnostics,
        HashSet<DiagnosticInfo> reported,
        SourceProductionContext output)
        where T : class
    {
        var byName = new SortedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            if (model is not null)
            {
                byName[fullName(model)] = model;
            }
        }
        var valid = new List<T>();
        foreach (var model in byName.Values)
        {
            var errors = diagnostics(model);
            foreach (var diagnostic in errors)
            {
                // A member inherited by several grain interfaces of the compilation is reported once, at the member.
                if (reported.Add(diagnostic))
                {
                    output.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            }
            if (errors.Length == 0)
            {
                valid.Add(model);
            }
        }
        return valid;
    }

    private static void RemoveDuplicateGrainTypes(List<GrainClassModel> classes, SourceProductionContext output)
    {
        var byGrainType = new Dictionary<string, GrainClassModel>(StringComparer.Ordinal);
        var duplicates = new HashSet<GrainClassModel>();
        foreach (var grain in classes)
        {
            if (byGrainType.TryGetValue(grain.GrainType, out var first))
            {
                output.ReportDiagnostic(Diagnostic.Create(
                    GrainDiagnostics.DuplicateGrainType, grain.Location?.ToLocation() ?? Location.None, grain.GrainType, grain.FullName, first.FullName));
                duplicates.Add(grain);
                duplicates.Add(first);
            }
            else
            {
                byGrainType.Add(grain.GrainType, grain);
            }
        }
        classes.RemoveAll(duplicates.Contains);
    }
}
