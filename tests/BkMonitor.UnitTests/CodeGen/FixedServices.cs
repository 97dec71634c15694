namespace BkMonitor.UnitTests.CodeGen;

/// <summary>A service provider holding exactly the given instances.</summary>
internal sealed class FixedServices(params object[] services) : IServiceProvider
{
    public object? GetService(Type serviceType)
    {
        foreach (var service in services)
        {
            if (serviceType.IsInstanceOfType(service))
            {
                return service;
            }
        }
        return null;
    }
}
