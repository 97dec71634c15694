using System.Collections.Immutable;
using System.Reflection;
using BkMonitor.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BkMonitor.UnitTests.CodeGen;

/// <summary>
/// Runs the grain code generator on source text with CSharpGeneratorDriver. The generator is a build-time
/// analyzer of this project, not a referenced assembly, so it is loaded from its own build output.
/// </summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<Type> GeneratorType = new(LoadGeneratorType);
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation Compile(params string[] sources)
        => CSharpCompilation.Create(
            "Sample.Grains",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    // Reference-version unification notes the SDK also silences by default.
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [((IIncrementalGenerator)Activator.CreateInstance(GeneratorType.Value)!).AsSourceGenerator()],
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Generator diagnostics, plus warnings and errors of the compilation including the generated code.</summary>
    public static GenerationResult Run(params string[] sources)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(Compile(sources), out var output, out var generatorDiagnostics);
        var compileDiagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        return new GenerationResult(driver.GetRunResult(), output, generatorDiagnostics, compileDiagnostics);
    }

    private static Type LoadGeneratorType()
    {
        var path = FindGeneratorAssembly();
        return Assembly.LoadFrom(path).GetType("BkMonitor.Runtime.CodeGen.GrainCodeGenerator", throwOnError: true)!;
    }

    // tests/BkMonitor.UnitTests/bin/<Configuration>/net10.0 → runtime/BkMonitor.Runtime.CodeGen/bin/<Configuration>/netstandard2.0
    private static string FindGeneratorAssembly()
    {
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testDirectory.Parent?.Name ?? "Debug";
        for (var dir = testDirectory; dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "runtime", "BkMonitor.Runtime.CodeGen");
            if (!Directory.Exists(project))
            {
                continue;
            }
            var candidate = Path.Combine(project, "bin", configuration, "netstandard2.0", "BkMonitor.Runtime.CodeGen.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
            return Directory.EnumerateFiles(Path.Combine(project, "bin"), "BkMonitor.Runtime.CodeGen.dll", SearchOption.AllDirectories)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
                ?? throw new FileNotFoundException($"BkMonitor.Runtime.CodeGen.dll is not built under {project}.");
        }
        throw new DirectoryNotFoundException($"No runtime/BkMonitor.Runtime.CodeGen above {testDirectory.FullName}.");
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(IGrain).Assembly.Location);
        return [.. paths.Distinct(StringComparer.Ordinal).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}

internal sealed record GenerationResult(
    GeneratorDriverRunResult RunResult,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompileDiagnostics)
{
    public string GeneratedText(string hintName)
        => RunResult.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
