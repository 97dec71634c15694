using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>The singleton (key <see cref="GlobalKey"/>) handing out user data ids from 1500000 up, never reused.</summary>
public interface IDataIdAllocatorGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    /// <summary>Validates the request and, when valid, allocates a data id for it (nothing is allocated otherwise).</summary>
    Task<DataIdAllocation> AllocateAsync(CreateDataSourceRequest request);
}
