namespace BkMonitor.EndToEndTests;

/// <summary>A fresh data directory for one test's silo process, deleted afterwards.</summary>
public abstract class TempDataDirectory : IDisposable
{
    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("bkm-e2e-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still hold the SQLite file for a moment; the OS cleans temp directories.
        }
    }
}
