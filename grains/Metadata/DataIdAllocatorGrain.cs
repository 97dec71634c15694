using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Metadata;

/// <summary>The singleton data id allocator: validates a create request, then hands out the next user id.</summary>
internal sealed class DataIdAllocatorGrain : Grain, IDataIdAllocatorGrain
{
    private readonly IPersistentState<DataIdAllocatorState> _state;

    public DataIdAllocatorGrain([PersistentState("dataid")] IPersistentState<DataIdAllocatorState> state) => _state = state;

    public async Task<DataIdAllocation> AllocateAsync(CreateDataSourceRequest request)
    {
        var errors = DataSourceRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return new DataIdAllocation { Errors = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal) };
        }
        int id;
        try
        {
            id = _state.State.Allocate();
        }
        catch (DataIdExhaustedException e)
        {
            return new DataIdAllocation { Exhausted = e.Message };
        }
        await _state.WriteStateAsync();
        return new DataIdAllocation { BkDataId = id };
    }
}
