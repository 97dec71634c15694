using System;
using System.Collections.Generic;
using System.Text;
using BkMonitor.Runtime.CodeGen.Model;

namespace BkMonitor.Runtime.CodeGen.Emit;

/// <summary>
/// Emits the proxy of one grain interface with a nested request class per method. Proxies return the
/// runtime's ValueTask directly or convert it without an async state machine; requests call the grain
/// through a direct interface call.
/// </summary>
internal static class InterfaceEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    public static string Emit(string ns, GrainInterfaceModel itf, string proxyName)
    {
        var support = "global::" + ns + "." + GeneratedNames.Support;
        var requestNames = GeneratedNames.RequestNames(itf);
        var w = new CodeWriter(ns);
        w.GeneratedCode();
        w.Open($"{(itf.IsPublic ? "public" : "internal")} sealed class {proxyName} : global::BkMonitor.Runtime.GrainReference, {itf.TypeSyntax}");
        w.Line($"public {proxyName}(global::BkMonitor.Runtime.IGrainCallRuntime runtime, global::BkMonitor.Runtime.GrainId grainId)");
        w.Line("    : base(runtime, grainId)");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Line($"public override string InterfaceName => {GeneratedNames.Literal(itf.FullName)};");
        w.Line();
        EmitRequestFactory(w, itf, requestNames, support);
        foreach (var method in itf.Methods)
        {
            w.Line();
            EmitProxyMethod(w, method, requestNames[method.Id], support);
        }
        foreach (var method in itf.Methods)
        {
            w.Line();
            EmitRequest(w, itf, method, requestNames[method.Id], support);
        }
        w.Close();
        return w.ToString();
    }

    private static void EmitRequestFactory(CodeWriter w, GrainInterfaceModel itf, string[] requestNames, string support)
    {
        var unknown = $"throw {support}.UnknownMethod({GeneratedNames.Literal(itf.FullName)}, methodId)";
        var header = $"public static global::BkMonitor.Runtime.GrainRequest {GeneratedNames.RequestFactory}(int methodId)";
        if (itf.Methods.Length == 0)
        {
            w.Line($"{header} => {unknown};");
            return;
        }
        w.Line($"{header} => methodId switch");
        w.Line("{");
        foreach (var method in itf.Methods)
        {
            w.Line($"    {method.Id} => new {requestNames[method.Id]}(),");
        }
        w.Line($"    _ => {unknown},");
        w.Line("};");
    }

    private static void EmitProxyMethod(CodeWriter w, GrainMethodModel method, string requestName, string support)
    {
        var parameters = new StringBuilder();
        var initializer = new StringBuilder($"new {requestName}");
        if (method.Parameters.Length > 0)
        {
            initializer.Append(" { ");
        }
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var p = method.Parameters[i];
            var separator = i > 0 ? ", " : "";
            parameters.Append(separator).Append(p.IsParams ? "params " : "").Append(p.TypeSyntax).Append(' ').Append(p.EscapedName);
            initializer.Append(separator).Append("Arg").Append(i).Append(" = ").Append(p.EscapedName);
        }
        initializer.Append(method.Parameters.Length > 0 ? " }" : "()");
        w.Open($"{method.ReturnTypeSyntax} {method.DeclaringInterface}.{method.EscapedName}({parameters})");
        if (method.IsOneWay)
        {
            w.Line($"this.InvokeOneWay({initializer});");
            w.Line(method.Shape == ReturnShape.Task ? "return global::System.Threading.Tasks.Task.CompletedTask;" : "return default;");
        }
        else
        {
            var call = $"this.InvokeAsync({initializer})";
            w.Line(method.Shape switch
            {
                ReturnShape.Task => $"return {support}.ToTask({call});",
                ReturnShape.TaskOfT => $"return {call}.AsTask();",
                ReturnShape.ValueTask => $"return {support}.ToValueTask({call});",
                _ => $"return {call};",
            });
        }
        w.Close();
    }

    private static void EmitRequest(CodeWriter w, GrainInterfaceModel itf, GrainMethodModel method, string requestName, string support)
    {
        var count = method.Parameters.Length;
        var outOfRange = $"throw {support}.ArgumentIndexOutOfRange(index, {count})";
        w.Open($"public sealed class {requestName} : global::BkMonitor.Runtime.GrainRequest<{method.ResultType}>");
        for (var i = 0; i < count; i++)
        {
            w.Line($"internal {method.Parameters[i].TypeSyntax} Arg{i} = default!;");
        }
        if (count > 0)
        {
            w.Line();
        }
        w.Line($"public override string InterfaceName => {GeneratedNames.Literal(itf.FullName)};");
        w.Line();
        w.Line($"public override string MethodName => {GeneratedNames.Literal(method.Name)};");
        w.Line();
        w.Line($"public override int MethodId => {method.Id};");
        w.Line();
        if (method.Options != 0)
        {
            w.Line($"public override global::BkMonitor.Runtime.InvokeMethodOptions Options => {OptionsExpression(method.Options)};");
            w.Line();
        }
        w.Line($"public override int ArgumentCount => {count};");
        w.Line();
        // Each arm is cast to object so the switch never picks a common numeric type and boxes the wrong one.
        EmitIndexSwitch(w, "public override object? GetArgument(int index)", count, i => $"(object?)this.Arg{i}", outOfRange);
        w.Line();
        EmitIndexSwitch(w, "public override global::System.Type GetArgumentType(int index)", count, i => $"typeof({method.Parameters[i].TypeOfSyntax})", outOfRange);
        w.Line();
        w.Open("public override void SetArgument(int index, object? value)");
        w.Open("switch (index)");
        for (var i = 0; i < count; i++)
        {
            var p = method.Parameters[i];
            w.Line($"case {i}:");
            w.Line($"    this.Arg{i} = ({p.TypeSyntax})value{(p.AcceptsNull ? "" : "!")};");
            w.Line("    break;");
        }
        w.Line("default:");
        w.Line($"    {outOfRange};");
        w.Close();
        w.Close();
        w.Line();
        w.Line($"public override {ValueTask}<{method.ResultType}> InvokeAsync(object target)");
        w.Line($"    => {InvokeExpression(method, support)};");
        w.Close();
    }

    private static void EmitIndexSwitch(CodeWriter w, string header, int count, Func<int, string> arm, string outOfRange)
    {
        if (count == 0)
        {
            w.Line($"{header} => {outOfRange};");
            return;
        }
        w.Line($"{header} => index switch");
        w.Line("{");
        for (var i = 0; i < count; i++)
        {
            w.Line($"    {i} => {arm(i)},");
        }
        w.Line($"    _ => {outOfRange},");
        w.Line("};");
    }

    private static string InvokeExpression(GrainMethodModel method, string support)
    {
        var arguments = new List<string>();
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            arguments.Add("this.Arg" + i);
        }
        var call = $"(({method.DeclaringInterface})target).{method.EscapedName}({string.Join(", ", arguments)})";
        return method.Shape switch
        {
            ReturnShape.Task => $"{support}.FromTask({call})",
            ReturnShape.TaskOfT => $"new {ValueTask}<{method.ResultType}>({call})",
            ReturnShape.ValueTask => $"{support}.FromValueTask({call})",
            _ => call,
        };
    }

    private static string OptionsExpression(int options)
    {
        var parts = new List<string>();
        if ((options & GrainMethodModel.AlwaysInterleave) != 0)
        {
            parts.Add("global::BkMonitor.Runtime.InvokeMethodOptions.AlwaysInterleave");
        }
        if ((options & GrainMethodModel.OneWay) != 0)
        {
            parts.Add("global::BkMonitor.Runtime.InvokeMethodOptions.OneWay");
        }
        if ((options & GrainMethodModel.ReadOnly) != 0)
        {
            parts.Add("global::BkMonitor.Runtime.InvokeMethodOptions.ReadOnly");
        }
        return string.Join(" | ", parts);
    }
}
