namespace BkMonitor.Runtime.Storage;

/// <summary>Names a configured grain storage provider, so a lookup of an unknown name can list the configured ones.</summary>
internal sealed record GrainStorageRegistration(string Name, string Kind);
