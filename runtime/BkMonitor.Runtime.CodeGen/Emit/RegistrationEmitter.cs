using System;
using System.Collections.Generic;
using System.Globalization;
using BkMonitor.Runtime.CodeGen.Analysis;
using BkMonitor.Runtime.CodeGen.Model;

namespace BkMonitor.Runtime.CodeGen.Emit;

/// <summary>Emits the module initializer that registers every interface and grain class of the assembly, and one activator per grain class.</summary>
internal static class RegistrationEmitter
{
    private const string Runtime = "global::BkMonitor.Runtime.";

    public static string Emit(string ns, IReadOnlyList<GrainInterfaceModel> interfaces, Dictionary<string, string> proxyNames, IReadOnlyList<GrainClassModel> classes)
    {
        var support = "global::" + ns + "." + GeneratedNames.Support;
        var marker = $"global::System.Reflection.AssemblyMetadata({GeneratedNames.Literal(GeneratedNames.AssemblyMetadataKey)}, {GeneratedNames.Literal(ns + "." + GeneratedNames.Registration)})";
        var w = new CodeWriter(ns, marker);
        w.GeneratedCode();
        w.Open($"internal static class {GeneratedNames.Registration}");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Open("internal static void Register()");
        foreach (var itf in interfaces)
        {
            var proxy = "global::" + ns + "." + proxyNames[itf.FullName];
            w.Line($"{Runtime}GrainTypeRegistry.RegisterInterface(new {Runtime}GrainInterfaceDescriptor(");
            w.Line($"    typeof({itf.TypeSyntax}),");
            w.Line($"    {GeneratedNames.Literal(itf.FullName)},");
            w.Line($"    static (runtime, grainId) => new {proxy}(runtime, grainId),");
            w.Line($"    {proxy}.{GeneratedNames.RequestFactory}));");
        }
        foreach (var grain in classes)
        {
            w.Line($"{Runtime}GrainTypeRegistry.RegisterClass(new {Runtime}GrainClassDescriptor(");
            w.Line($"    typeof({grain.TypeSyntax}),");
            w.Line($"    {GeneratedNames.Literal(grain.GrainType)},");
            w.Line($"    {ArrayExpression("global::System.Type", grain.Interfaces, static t => $"typeof({t})")},");
            w.Line($"    {ActivatorName(grain)},");
            w.Line($"    {(grain.IsReentrant ? "true" : "false")},");
            w.Line($"    {StatelessWorkerExpression(grain.StatelessWorkerMaxLocal)},");
            w.Line($"    {ArrayExpression("string", grain.ImplicitStreamNamespaces, GeneratedNames.Literal)},");
            w.Line($"    {GeneratedNames.Literal(grain.PlacementRole)}));");
        }
        w.Close();
        foreach (var grain in classes)
        {
            w.Line();
            EmitActivator(w, grain, support);
        }
        w.Close();
        return w.ToString();
    }

    private static void EmitActivator(CodeWriter w, GrainClassModel grain, string support)
    {
        w.Open($"private static {Runtime}Grain {ActivatorName(grain)}({Runtime}IGrainContext context, global::System.IServiceProvider services)");
        // The Grain base constructor picks up its activation from RuntimeContext.Activating.
        w.Open($"using ({Runtime}RuntimeContext.BeginActivating(context))");
        var arguments = grain.ConstructorArguments;
        if (arguments.Length == 0)
        {
            w.Line($"return new {grain.TypeSyntax}();");
        }
        else
        {
            w.Line($"return new {grain.TypeSyntax}(");
            for (var i = 0; i < arguments.Length; i++)
            {
                w.Line($"    {ArgumentExpression(arguments[i], grain, support)}{(i < arguments.Length - 1 ? "," : ");")}");
            }
        }
        w.Close();
        w.Close();
    }

    private static string ArgumentExpression(ActivatorArgument argument, GrainClassModel grain, string support) => argument.Source switch
    {
        ArgumentSource.PersistentState =>
            $"context.CreatePersistentState<{argument.TypeSyntax}>({GeneratedNames.Literal(argument.StateName)}, {GeneratedNames.Literal(argument.StorageName)})",
        ArgumentSource.GrainContext => "context",
        ArgumentSource.GrainFactory => "context.GrainFactory",
        ArgumentSource.OptionalService => $"{support}.OptionalService<{argument.TypeSyntax}>(services)",
        _ => $"{support}.RequiredService<{argument.TypeSyntax}>(services, {GeneratedNames.Literal(grain.FullName)})",
    };

    private static string ActivatorName(GrainClassModel grain) => "Activate_" + GrainSymbols.Sanitize(grain.FullName);

    private static string StatelessWorkerExpression(int? maxLocal) => maxLocal switch
    {
        null => "0",
        0 => "global::System.Environment.ProcessorCount",
        _ => maxLocal.Value.ToString(CultureInfo.InvariantCulture),
    };

    private static string ArrayExpression(string elementType, EquatableArray<string> items, Func<string, string> render)
    {
        if (items.Length == 0)
        {
            return $"global::System.Array.Empty<{elementType}>()";
        }
        var rendered = new List<string>();
        foreach (var item in items)
        {
            rendered.Add(render(item));
        }
        return $"new {elementType}[] {{ {string.Join(", ", rendered)} }}";
    }
}
