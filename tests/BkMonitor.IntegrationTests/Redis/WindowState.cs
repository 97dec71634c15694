namespace BkMonitor.IntegrationTests.Redis;

/// <summary>A small grain state for the storage tests.</summary>
public sealed class WindowState
{
    public int Count { get; set; }

    public List<string> Points { get; set; } = [];
}
