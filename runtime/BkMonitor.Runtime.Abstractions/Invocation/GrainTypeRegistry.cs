using System.Collections.Concurrent;

namespace BkMonitor.Runtime;

/// <summary>Creates a proxy for one grain interface.</summary>
public delegate GrainReference GrainProxyFactory(IGrainCallRuntime runtime, GrainId grainId);

/// <summary>Creates an empty request for (interface, method id), filled from the wire on the receiving silo.</summary>
public delegate GrainRequest GrainRequestFactory(int methodId);

/// <summary>Constructs a grain instance inside <see cref="RuntimeContext.BeginActivating"/>.</summary>
public delegate Grain GrainActivator(IGrainContext context, IServiceProvider services);

/// <summary>Everything the runtime knows about a grain interface, registered by generated code.</summary>
public sealed record GrainInterfaceDescriptor(Type InterfaceType, string InterfaceName, GrainProxyFactory ProxyFactory, GrainRequestFactory RequestFactory);

/// <summary>Everything the runtime knows about a grain class, registered by generated code.</summary>
public sealed record GrainClassDescriptor(
    Type GrainClass,
    string GrainType,
    IReadOnlyList<Type> Interfaces,
    GrainActivator Activator,
    bool IsReentrant,
    int StatelessWorkerMaxLocal,
    IReadOnlyList<string> ImplicitStreamNamespaces,
    string? PlacementRole)
{
    public bool IsStatelessWorker => StatelessWorkerMaxLocal > 0;
}

/// <summary>
/// Process-wide registry filled by the module initializers the code generator emits in every assembly
/// that declares grain interfaces or grain classes.
/// </summary>
public static class GrainTypeRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceDescriptor> Interfaces = new();
    private static readonly ConcurrentDictionary<string, GrainInterfaceDescriptor> InterfacesByName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, GrainClassDescriptor> ClassesByType = new();
    private static readonly ConcurrentDictionary<string, GrainClassDescriptor> ClassesByGrainType = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, GrainClassDescriptor> ClassByInterface = new();

    public static void RegisterInterface(GrainInterfaceDescriptor descriptor)
    {
        Interfaces[descriptor.InterfaceType] = descriptor;
        InterfacesByName[descriptor.InterfaceName] = descriptor;
    }

    public static void RegisterClass(GrainClassDescriptor descriptor)
    {
        ClassesByType[descriptor.GrainClass] = descriptor;
        ClassesByGrainType[descriptor.GrainType] = descriptor;
        foreach (var itf in descriptor.Interfaces)
        {
            // Several classes may implement a system interface (IRemindable); only a unique mapping resolves by interface.
            ClassByInterface.AddOrUpdate(itf, descriptor, (_, existing) => existing.GrainClass == descriptor.GrainClass ? descriptor : Ambiguous(itf));
        }
    }

    /// <summary>Name of the assembly metadata the code generator emits in every assembly it registers grains of.</summary>
    public const string RegistrationMetadataKey = "BkMonitor.Runtime.GrainRegistration";

    /// <summary>
    /// Runs the generated registration of every given assembly that has one. Module initializers only run
    /// when code of their assembly runs, so a host calls this at start for the assemblies holding its grains.
    /// </summary>
    public static void RegisterAssemblies(IEnumerable<System.Reflection.Assembly> assemblies)
    {
        foreach (var assembly in assemblies)
        {
            if (assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .OfType<System.Reflection.AssemblyMetadataAttribute>()
                .Any(a => a.Key == RegistrationMetadataKey))
            {
                System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            }
        }
    }

    /// <summary>Registers the grains of every assembly loaded in this process (and their referenced assemblies).</summary>
    public static void RegisterLoadedAssemblies()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<System.Reflection.Assembly>(AppDomain.CurrentDomain.GetAssemblies());
        var all = new List<System.Reflection.Assembly>();
        while (queue.Count > 0)
        {
            var assembly = queue.Dequeue();
            if (assembly.IsDynamic || !seen.Add(assembly.FullName ?? "")) continue;
            all.Add(assembly);
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } name && (name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal))) continue;
                try
                {
                    queue.Enqueue(System.Reflection.Assembly.Load(reference));
                }
                catch (IOException)
                {
                    // A reference that is not deployed cannot hold grains we need.
                }
            }
        }
        RegisterAssemblies(all);
    }

    public static GrainInterfaceDescriptor GetInterface(Type interfaceType)
    {
        if (!Interfaces.ContainsKey(interfaceType))
        {
            // Touching a type does not run its module's initializer; do it on the first miss.
            System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(interfaceType.Module.ModuleHandle);
        }
        return Interfaces.TryGetValue(interfaceType, out var d)
            ? d
            : throw new GrainInterfaceNotRegisteredException(
                $"{interfaceType.FullName} is not a registered grain interface: it must derive from IGrainWithStringKey or IGrainWithIntegerKey and its assembly must reference the BkMonitor code generator.");
    }

    public static GrainInterfaceDescriptor GetInterface(string interfaceName)
        => InterfacesByName.TryGetValue(interfaceName, out var d)
            ? d
            : throw new GrainInterfaceNotRegisteredException($"Grain interface '{interfaceName}' is not registered in this process.");

    public static GrainClassDescriptor GetClassForInterface(Type interfaceType)
    {
        if (ClassByInterface.TryGetValue(interfaceType, out var d) && d.GrainType.Length > 0)
        {
            return d;
        }
        throw new GrainInterfaceNotRegisteredException(d is null
            ? $"No grain class implementing {interfaceType.FullName} is registered (is the grains assembly loaded?)."
            : $"Several grain classes implement {interfaceType.FullName}; address them by GrainId.");
    }

    public static GrainClassDescriptor GetClass(string grainType)
        => ClassesByGrainType.TryGetValue(grainType, out var d)
            ? d
            : throw new GrainInterfaceNotRegisteredException($"Grain type '{grainType}' is not registered in this process.");

    public static bool TryGetClass(string grainType, out GrainClassDescriptor descriptor)
        => ClassesByGrainType.TryGetValue(grainType, out descriptor!);

    public static IReadOnlyCollection<GrainClassDescriptor> Classes => ClassesByType.Values.ToArray();

    private static GrainClassDescriptor Ambiguous(Type itf)
        => new(itf, "", [], (_, _) => throw new InvalidOperationException("ambiguous"), false, 0, [], null);
}
