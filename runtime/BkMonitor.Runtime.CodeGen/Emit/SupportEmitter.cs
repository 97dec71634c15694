namespace BkMonitor.Runtime.CodeGen.Emit;

/// <summary>
/// Emits the per-assembly internal class that generated proxies, requests and activators share: task
/// adaptation without async state machines on the synchronous path, argument errors and service lookup.
/// </summary>
internal static class SupportEmitter
{
    public static string Emit(string ns)
    {
        var w = new CodeWriter(ns);
        w.Line("using Task = global::System.Threading.Tasks.Task;");
        w.Line("using ValueTask = global::System.Threading.Tasks.ValueTask;");
        w.Line("using VoidTask = global::System.Threading.Tasks.ValueTask<global::BkMonitor.Runtime.VoidResult>;");
        w.Line();
        w.GeneratedCode();
        w.Open($"internal static class {GeneratedNames.Support}");
        w.Line("public static VoidTask FromTask(Task task) => task.IsCompletedSuccessfully ? default : AwaitTask(task);");
        w.Line();
        w.Open("public static VoidTask FromValueTask(ValueTask task)");
        w.Open("if (task.IsCompletedSuccessfully)");
        w.Line("// Consuming the result lets a pooled IValueTaskSource behind the ValueTask be reused.");
        w.Line("task.GetAwaiter().GetResult();");
        w.Line("return default;");
        w.Close();
        w.Line("return AwaitValueTask(task);");
        w.Close();
        w.Line();
        w.Open("public static Task ToTask(VoidTask pending)");
        w.Open("if (pending.IsCompletedSuccessfully)");
        w.Line("_ = pending.Result;");
        w.Line("return Task.CompletedTask;");
        w.Close();
        w.Line("return pending.AsTask();");
        w.Close();
        w.Line();
        w.Open("public static ValueTask ToValueTask(VoidTask pending)");
        w.Open("if (pending.IsCompletedSuccessfully)");
        w.Line("_ = pending.Result;");
        w.Line("return default;");
        w.Close();
        w.Line("return new ValueTask(pending.AsTask());");
        w.Close();
        w.Line();
        w.Line("public static global::System.ArgumentOutOfRangeException ArgumentIndexOutOfRange(int index, int count)");
        w.Line("    => new(nameof(index), index, $\"Argument index {index} is out of range: the method takes {count} argument(s).\");");
        w.Line();
        w.Line("public static global::System.ArgumentOutOfRangeException UnknownMethod(string interfaceName, int methodId)");
        w.Line("    => new(nameof(methodId), methodId, $\"Grain interface '{interfaceName}' has no method with id {methodId}: caller and target were built from different versions of it.\");");
        w.Line();
        w.Line("public static T RequiredService<T>(global::System.IServiceProvider services, string grainClass)");
        w.Line("    => services.GetService(typeof(T)) is T service");
        w.Line("        ? service");
        w.Line("        : throw new global::System.InvalidOperationException($\"Cannot activate grain class {grainClass}: no service of type {typeof(T).FullName} is registered.\");");
        w.Line();
        w.Line("public static T? OptionalService<T>(global::System.IServiceProvider services) where T : class => services.GetService(typeof(T)) as T;");
        w.Line();
        // The continuation only completes the request; it must not hop back to the activation's scheduler.
        w.Open("private static async VoidTask AwaitTask(Task task)");
        w.Line("await task.ConfigureAwait(false);");
        w.Line("return default;");
        w.Close();
        w.Line();
        w.Open("private static async VoidTask AwaitValueTask(ValueTask task)");
        w.Line("await task.ConfigureAwait(false);");
        w.Line("return default;");
        w.Close();
        w.Close();
        return w.ToString();
    }
}
