namespace BkMonitor.Runtime;

/// <summary>Anything the runtime can address by a <see cref="GrainId"/>.</summary>
public interface IAddressable;

/// <summary>Marker for grain interfaces; the code generator emits a proxy for every interface deriving from it.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain addressed by a string key.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain addressed by a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey : IGrain;
