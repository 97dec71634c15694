using BkMonitor.IntegrationTests.Fixtures;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>
/// A real redis-server with the append-only file fsynced on every write, so whatever it acknowledged
/// survives a SIGKILL; it can be stopped and started separately to hold it down while a client retries.
/// </summary>
public sealed class DurableRedisFixture : IAsyncLifetime
{
    private ServerProcess? _server;
    private string _directory = "";
    private string _binary = "";

    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    public async Task InitializeAsync()
    {
        _binary = ServerProcess.FindBinary("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed: run ./scripts/test.sh, which installs it (apt-get install redis-server).");
        _directory = Directory.CreateTempSubdirectory("bkm-redis-aof-").FullName;
        Port = ServerProcess.FreePort();
        await StartAsync();
    }

    /// <summary>Kills the server (SIGKILL, as a crash would).</summary>
    public async Task StopAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _server = null;
    }

    public async Task StartAsync()
    {
        _server = ServerProcess.Start(_binary,
        [
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always",
            "--dir", _directory, "--protected-mode", "yes",
        ]);
        await _server.WaitForPortAsync(Port, TimeSpan.FromSeconds(20));
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        RedisServerFixture.TryDelete(_directory);
    }
}
