using System.Reflection;
using System.Runtime.CompilerServices;
using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.CodeGen;

// A separately compiled assembly: its generated module initializer registers it once the module runs.
public sealed class GeneratedAssemblyTests
{
    // Each test compiles its own namespace and grain type: the registry is process-wide.
    private static string Source(string name) => """
        using System.Threading.Tasks;
        using BkMonitor.Runtime;

        namespace Sample.$NAME;

        public interface ILoadedGrain : IGrainWithStringKey
        {
            Task<int> Twice(int value);
        }

        public sealed class $NAMEGrain : Grain, ILoadedGrain
        {
            public Task<int> Twice(int value) => Task.FromResult(value * 2);
        }

        public static class Caller
        {
            public static Task<int> Call(IGrainFactory factory) => factory.GetGrain<ILoadedGrain>("k").Twice(21);
        }
        """.Replace("$NAME", name, StringComparison.Ordinal);

    [Fact]
    public async Task Loaded_assembly_registers_its_grains_and_serves_calls()
    {
        var result = GeneratorHarness.Run(Source("Loaded1"));
        var assembly = Load(result);
        var grainInterface = assembly.GetType("Sample.Loaded1.ILoadedGrain", throwOnError: true)!;

        // What a host does for every assembly carrying the marker.
        var marker = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BkMonitor.Runtime.GrainRegistration");
        Assert.Equal("BkMonitor.Generated.Sample_Grains.GrainModuleRegistration", marker.Value);
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);

        Assert.Equal(grainInterface, GrainTypeRegistry.GetInterface(grainInterface).InterfaceType);
        Assert.Equal(assembly.GetType("Sample.Loaded1.Loaded1Grain"), GrainTypeRegistry.GetClass("loaded1").GrainClass);
        var call = (Task<int>)assembly.GetType("Sample.Loaded1.Caller")!.GetMethod("Call")!.Invoke(null, [new LoopbackCallRuntime(new FixedServices())])!;
        Assert.Equal(42, await call);
    }

    [Fact]
    public void First_lookup_of_a_loaded_but_unused_assembly_runs_its_registration()
    {
        // Loading a type does not run its module initializer; the registry runs it on the first miss.
        var result = GeneratorHarness.Run(Source("Loaded2"));
        var assembly = Load(result);

        var grainInterface = assembly.GetType("Sample.Loaded2.ILoadedGrain", throwOnError: true)!;

        Assert.Equal(grainInterface, GrainTypeRegistry.GetInterface(grainInterface).InterfaceType);
    }

    [Fact]
    public void Registering_assemblies_by_metadata_registers_their_grain_classes()
    {
        var result = GeneratorHarness.Run(Source("Loaded3"));
        var assembly = Load(result);

        GrainTypeRegistry.RegisterAssemblies([assembly]);

        Assert.Contains(GrainTypeRegistry.Classes, c => c.GrainClass.Assembly == assembly);
    }

    private static Assembly Load(GenerationResult result)
    {
        Assert.Empty(result.CompileDiagnostics);
        using var image = new MemoryStream();
        var emit = result.Output.Emit(image);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return Assembly.Load(image.ToArray());
    }
}
