namespace BkMonitor.Runtime.CodeGen.Model;

/// <summary>A concrete grain class declared in the compilation.</summary>
/// <param name="Interfaces">Fully qualified grain interfaces it implements, sorted.</param>
/// <param name="StatelessWorkerMaxLocal">Null without [StatelessWorker]; 0 means one per processor.</param>
internal sealed record GrainClassModel(
    string FullName,
    string TypeSyntax,
    string GrainType,
    EquatableArray<string> Interfaces,
    bool IsReentrant,
    int? StatelessWorkerMaxLocal,
    EquatableArray<string> ImplicitStreamNamespaces,
    string? PlacementRole,
    EquatableArray<ActivatorArgument> ConstructorArguments,
    LocationInfo? Location,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Where the activator takes a constructor argument from.</summary>
internal enum ArgumentSource
{
    RequiredService,
    OptionalService,
    PersistentState,
    GrainContext,
    GrainFactory,
}

/// <param name="TypeSyntax">Service type, or the state type T for <see cref="ArgumentSource.PersistentState"/>.</param>
internal sealed record ActivatorArgument(ArgumentSource Source, string TypeSyntax, string? StateName, string? StorageName);
