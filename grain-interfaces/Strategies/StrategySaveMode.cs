namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>Whether a save creates a new strategy (must not exist) or replaces a stored one (must exist).</summary>
public enum StrategySaveMode
{
    Create,
    Replace,
}
