using Microsoft.CodeAnalysis;

namespace BkMonitor.UnitTests.CodeGen;

// The generator run on sample sources: valid grains compile clean, invalid ones get a BKGEN error naming the culprit.
public sealed class GeneratorDiagnosticsTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using BkMonitor.Runtime;

        """;

    private const string ValidSource = Usings + """
        namespace Sample.Grains.Deep.Inside;

        public sealed class PlayerState { public int Score { get; set; } }
        public interface IScoreBoard { int Best { get; } }

        public interface IPlayerGrain : IGrainWithStringKey, IRemindable
        {
            Task Join(string? room, CancellationToken cancellationToken = default);
            Task<int> Score(int @event, string @class = "x", params long[] values);
            ValueTask Leave();
            [ReadOnly, AlwaysInterleave] ValueTask<PlayerState?> Peek();
            [OneWay] Task Ping((int X, string Name) point);
            [OneWay] ValueTask Pong(int? code);
            [System.Obsolete("old")] Task<string> Old();
        }

        internal interface IHiddenGrain : IGrainWithIntegerKey
        {
            Task<int> Get();
        }

        [GrainType("player"), Reentrant, StatelessWorker(2), ImplicitStreamSubscription("players"), SiloRole("game")]
        public sealed class PlayerGrain(
            [PersistentState("player", "store")] IPersistentState<PlayerState> state,
            IScoreBoard board,
            IScoreBoard? optionalBoard,
            IGrainFactory factory,
            IGrainContext context) : Grain, IPlayerGrain, IHiddenGrain
        {
            public Task Join(string? room, CancellationToken cancellationToken = default) => Task.CompletedTask;
            public Task<int> Score(int @event, string @class = "x", params long[] values) => Task.FromResult(state.State.Score + board.Best);
            public ValueTask Leave() => default;
            public ValueTask<PlayerState?> Peek() => new(state.State);
            public Task Ping((int X, string Name) point) => Task.CompletedTask;
            public ValueTask Pong(int? code) => default;
            public Task<string> Old() => Task.FromResult(optionalBoard is null ? factory.ToString()! : context.ToString()!);
            public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
            Task<int> IHiddenGrain.Get() => Task.FromResult(1);
        }

        public static class Outer
        {
            public interface IInnerGrain : IGrainWithStringKey { Task<int> Get(); }
            internal sealed class InnerGrain : Grain, IInnerGrain { public Task<int> Get() => Task.FromResult(1); }
        }

        // Names that could clash with members of the generated classes, a keyword method, a hiding method, tuple results.
        public interface ITrickyGrain : IGrainWithStringKey
        {
            Task<int> InvokeAsync(int target, string value, int index, string runtime, long grainId, int methodId);
            Task @lock(string @this);
            Task<(int A, string B)> Pair();
        }

        public interface IHidingGrain : ITrickyGrain
        {
            new Task<int> InvokeAsync(int target, string value, int index, string runtime, long grainId, int methodId);
        }

        #nullable disable
        public interface IObliviousGrain : IGrainWithStringKey
        {
            Task<string> Get(string key, object[] values);
        }

        public sealed class ObliviousGrain(IScoreBoard board) : Grain, IObliviousGrain
        {
            public Task<string> Get(string key, object[] values) => Task.FromResult(key + board);
        }
        #nullable restore
        """;

    private const string GlobalNamespaceSource = Usings + """
        public interface IGlobalGrain : IGrainWithIntegerKey { ValueTask<int> Get(); }
        public sealed class GlobalGrain : Grain, IGlobalGrain { public ValueTask<int> Get() => new(1); }
        """;

    [Fact]
    public void Valid_grains_generate_code_that_compiles_without_warnings()
    {
        var result = GeneratorHarness.Run(ValidSource, GlobalNamespaceSource);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileDiagnostics);
        Assert.Equal(
            [
                "GeneratedGrainSupport.g.cs",
                "GrainModuleRegistration.g.cs",
                "IGlobalGrain.Proxy.g.cs",
                "Sample.Grains.Deep.Inside.IHiddenGrain.Proxy.g.cs",
                "Sample.Grains.Deep.Inside.IHidingGrain.Proxy.g.cs",
                "Sample.Grains.Deep.Inside.IObliviousGrain.Proxy.g.cs",
                "Sample.Grains.Deep.Inside.IPlayerGrain.Proxy.g.cs",
                "Sample.Grains.Deep.Inside.ITrickyGrain.Proxy.g.cs",
                "Sample.Grains.Deep.Inside.Outer+IInnerGrain.Proxy.g.cs",
            ],
            result.RunResult.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generated_code_is_marked_and_lives_in_the_assembly_namespace()
    {
        var text = GeneratorHarness.Run(ValidSource).GeneratedText("Sample.Grains.Deep.Inside.IPlayerGrain.Proxy.g.cs");

        Assert.StartsWith("// <auto-generated/>\n#nullable enable\n", text);
        Assert.Contains("namespace BkMonitor.Generated.Sample_Grains;", text);
        Assert.Contains("public sealed class PlayerGrainProxy", text);
    }

    [Fact]
    public void Internal_interface_gets_an_internal_proxy()
        => Assert.Contains(
            "internal sealed class HiddenGrainProxy",
            GeneratorHarness.Run(ValidSource).GeneratedText("Sample.Grains.Deep.Inside.IHiddenGrain.Proxy.g.cs"));

    [Fact]
    public void Output_is_identical_across_runs()
    {
        var first = GeneratorHarness.Run(ValidSource).RunResult.Results.Single().GeneratedSources;
        var second = GeneratorHarness.Run(ValidSource).RunResult.Results.Single().GeneratedSources;

        Assert.Equal(first.Select(s => s.SourceText.ToString()), second.Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void Unrelated_edit_reuses_the_cached_grain_models()
    {
        var compilation = GeneratorHarness.Compile(ValidSource);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace Other; public sealed class Unrelated : System.Exception { }"));
        var steps = driver.RunGenerators(edited).GetRunResult().Results.Single().TrackedSteps;

        foreach (var step in new[] { "GrainInterfaces", "GrainClasses" })
        {
            Assert.All(steps[step].SelectMany(s => s.Outputs), output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {output.Reason}"));
        }
    }

    [Fact]
    public void Compilation_without_grains_generates_nothing()
        => Assert.Empty(GeneratorHarness.Run("namespace Empty; public interface IPlain { void Run(); }").RunResult.Results.Single().GeneratedSources);

    [Theory]
    [InlineData("int Count();", "BKGEN001", "'Sample.Bad.IBadGrain' method 'Count' returns 'int'")]
    [InlineData("void Fire();", "BKGEN001", "'Sample.Bad.IBadGrain' method 'Fire' returns 'void'")]
    [InlineData("Task<int>? Maybe(); System.Collections.Generic.IEnumerable<int> Items();", "BKGEN001", "method 'Items' returns 'System.Collections.Generic.IEnumerable<int>'")]
    [InlineData("string Name { get; }", "BKGEN002", "'Sample.Bad.IBadGrain' declares a property 'Name'")]
    [InlineData("int this[int i] { get; }", "BKGEN002", "declares an indexer")]
    [InlineData("event System.EventHandler Changed;", "BKGEN002", "declares an event 'Changed'")]
    [InlineData("static abstract Task Create();", "BKGEN002", "a static abstract member 'Create'")]
    [InlineData("Task<T> Get<T>();", "BKGEN003", "'Sample.Bad.IBadGrain' method 'Get' is generic")]
    [InlineData("Task Load(ref int value);", "BKGEN004", "method 'Load' parameter 'value' is passed by reference")]
    [InlineData("Task Read(out int value);", "BKGEN004", "parameter 'value' is passed by reference")]
    [InlineData("Task Span(System.Span<int> values);", "BKGEN004", "parameter 'values' is a ref struct")]
    [InlineData("[OneWay] Task<int> Fire();", "BKGEN007", "method 'Fire' is [OneWay] but returns 'System.Threading.Tasks.Task<int>'")]
    public void Invalid_grain_interface_member_is_reported(string member, string id, string message)
    {
        var result = GeneratorHarness.Run(Usings + "namespace Sample.Bad; public interface IBadGrain : IGrainWithStringKey { Task Ok(); " + member + " }");

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(Location.None, diagnostic.Location);
        Assert.DoesNotContain(result.RunResult.Results.Single().GeneratedSources, s => s.HintName.Contains("IBadGrain"));
    }

    [Fact]
    public void Sync_method_diagnostic_points_at_the_method()
    {
        const string source = Usings + """
            namespace Sample.Bad;
            public interface IBadGrain : IGrainWithStringKey
            {
                int Count();
            }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);

        Assert.Equal(6, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Invalid_member_of_a_plain_base_interface_is_reported_once_for_all_grain_interfaces()
    {
        const string source = Usings + """
            namespace Sample.Bad;
            public interface IHelper { int Sync(); }
            public interface IFirstGrain : IGrainWithStringKey, IHelper { }
            public interface ISecondGrain : IGrainWithStringKey, IHelper { }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);

        Assert.Equal("BKGEN001", diagnostic.Id);
        Assert.Contains("'Sample.Bad.IHelper' method 'Sync'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("public interface IGenericGrain<T> : IGrainWithStringKey { Task<T> Get(); }", "BKGEN005", "'Sample.Bad.IGenericGrain`1' is generic")]
    [InlineData("public class Holder { private interface IPrivateGrain : IGrainWithStringKey { Task Ping(); } }", "BKGEN006", "'Sample.Bad.Holder+IPrivateGrain' is private or protected")]
    [InlineData("public sealed class TwoGrain : Grain { public TwoGrain() { } public TwoGrain(int x) { } }", "BKGEN008", "'Sample.Bad.TwoGrain' has 2 public constructors")]
    [InlineData("public sealed class HiddenGrain : Grain { private HiddenGrain() { } }", "BKGEN009", "'Sample.Bad.HiddenGrain' has no public constructor")]
    [InlineData("public sealed class StateGrain([PersistentState(\"s\")] string state) : Grain { }", "BKGEN010", "parameter 'state' has [PersistentState] but is of type 'string'")]
    [InlineData("public sealed class StateGrain([PersistentState(\"s\")] IPersistentState<System.IO.Stream> state) : Grain { }", "BKGEN010", "without a public parameterless constructor")]
    [InlineData("public sealed class StateGrain([PersistentState(\"\")] IPersistentState<object> state) : Grain { }", "BKGEN010", "empty state name")]
    [InlineData("[GrainType(\"a/b\")] public sealed class SlashGrain : Grain { }", "BKGEN012", "grain type name 'a/b'")]
    [InlineData("[GrainType(\"\")] public sealed class EmptyGrain : Grain { }", "BKGEN012", "grain type name ''")]
    [InlineData("public sealed class BoxGrain<T> : Grain { }", "BKGEN013", "'Sample.Bad.BoxGrain`1' is generic")]
    [InlineData("public class Box<T> { public sealed class InnerGrain : Grain { } }", "BKGEN013", "'Sample.Bad.Box`1+InnerGrain' is generic or nested in a generic type")]
    [InlineData("public class Box<T> { public interface IInnerGrain : IGrainWithStringKey { Task Ping(); } }", "BKGEN005", "'Sample.Bad.Box`1+IInnerGrain' is generic or nested")]
    [InlineData("[StatelessWorker(-1)] public sealed class PoolGrain : Grain { }", "BKGEN014", "[StatelessWorker(-1)]")]
    public void Invalid_grain_declaration_is_reported(string declaration, string id, string message)
    {
        var result = GeneratorHarness.Run(Usings + "namespace Sample.Bad;\n" + declaration);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(Location.None, diagnostic.Location);
    }

    [Fact]
    public void Two_classes_with_the_same_grain_type_are_reported()
    {
        const string source = Usings + """
            namespace Sample.Bad;
            public sealed class OrderGrain : Grain { }
            [GrainType("order")] public sealed class LegacyOrders : Grain { }
            public sealed class FineGrain : Grain { }
            """;

        var result = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("BKGEN011", diagnostic.Id);
        Assert.Contains("'order'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var registration = result.GeneratedText("GrainModuleRegistration.g.cs");
        Assert.DoesNotContain("Sample.Bad.OrderGrain", registration);
        Assert.DoesNotContain("Sample.Bad.LegacyOrders", registration);
        Assert.Contains("Sample.Bad.FineGrain", registration);
    }

    [Fact]
    public void Partial_grain_class_declared_twice_is_registered_once()
    {
        const string source = Usings + """
            namespace Sample.Split;
            public partial class SplitGrain : Grain { }
            public partial class SplitGrain : Grain { }
            """;

        var result = GeneratorHarness.Run(source);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileDiagnostics);
        Assert.Single(result.GeneratedText("GrainModuleRegistration.g.cs").Split("RegisterClass(").Skip(1));
    }
}
