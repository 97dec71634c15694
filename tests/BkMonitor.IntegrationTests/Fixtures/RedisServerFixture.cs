namespace BkMonitor.IntegrationTests.Fixtures;

/// <summary>A real redis-server on a free loopback port, without persistence, in a temporary directory.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private ServerProcess? _server;
    private string _directory = "";

    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    public async Task InitializeAsync()
    {
        var binary = ServerProcess.FindBinary("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed: run ./scripts/test.sh, which installs it (apt-get install redis-server).");
        _directory = Directory.CreateTempSubdirectory("bkm-redis-").FullName;
        Port = ServerProcess.FreePort();
        await StartAsync(binary);
    }

    /// <summary>Kills and restarts the server on the same port (a Redis restart during a run).</summary>
    public async Task RestartAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await StartAsync(ServerProcess.FindBinary("redis-server")!);
    }

    private async Task StartAsync(string binary)
    {
        _server = ServerProcess.Start(binary,
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory, "--protected-mode", "yes"]);
        await _server.WaitForPortAsync(Port, TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        TryDelete(_directory);
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            if (directory.Length > 0) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A server child may still hold a file for a moment; the OS cleans temp directories.
        }
    }
}
