namespace BkMonitor.Runtime;

/// <summary>Creates references to grains; never talks to the network and never activates anything by itself.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of <typeparamref name="TGrainInterface"/> with a string key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;

    /// <summary>A reference to the grain of <typeparamref name="TGrainInterface"/> with an integer key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>A reference by full identity, for system code (reminders, streams) that already holds a <see cref="GrainId"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable;
}
