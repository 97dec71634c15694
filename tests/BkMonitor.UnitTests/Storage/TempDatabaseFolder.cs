using Microsoft.Data.Sqlite;

namespace BkMonitor.UnitTests.Storage;

/// <summary>A temp folder for SQLite files, removed (after closing pooled connections) when the test ends.</summary>
internal sealed class TempDatabaseFolder(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bkm-{prefix}-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
