namespace BkMonitor.Runtime.Storage;

/// <summary>Builds the <see cref="InconsistentStateException"/> every provider throws, so the message always names provider, state, grain and both versions.</summary>
internal static class StorageConflict
{
    public static InconsistentStateException Create(string provider, string operation, string stateName, GrainId grainId, string? storedEtag, string? currentEtag)
    {
        var stored = storedEtag ?? "no record";
        var current = currentEtag ?? "none (expects no record)";
        return new InconsistentStateException(
            $"{operation} of state '{stateName}' for grain {grainId} in grain storage '{provider}' was rejected: storage holds version {stored}, "
            + $"the activation holds ETag {current}. Another writer changed the state; re-read it before writing.",
            storedEtag,
            currentEtag);
    }
}
