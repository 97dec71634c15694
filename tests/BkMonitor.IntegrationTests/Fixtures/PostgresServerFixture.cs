using Npgsql;

namespace BkMonitor.IntegrationTests.Fixtures;

/// <summary>
/// A real PostgreSQL cluster created with initdb in a temporary directory and started with pg_ctl on a
/// free loopback port. PostgreSQL refuses to run as root, so under root it runs as the 'postgres' user.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private static readonly string[] BinDirectories = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending().ToArray()
        : [];

    private ServerProcess? _server;
    private string _directory = "";
    private string? _user;

    public int Port { get; private set; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=bkmonitor;Password=bkmonitor;Database=bkmonitor;Pooling=true;Timeout=10";

    public async Task InitializeAsync()
    {
        var initdb = ServerProcess.FindBinary("initdb", BinDirectories)
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run ./scripts/test.sh, which installs it (apt-get install postgresql).");
        var postgres = ServerProcess.FindBinary("postgres", BinDirectories)!;
        _directory = Directory.CreateTempSubdirectory("bkm-pg-").FullName;
        _user = Environment.UserName == "root" ? "postgres" : null;
        if (_user is not null)
        {
            await RunAsync("chown", ["-R", _user, _directory], null);
        }
        var data = Path.Combine(_directory, "data");
        var pwfile = Path.Combine(_directory, "pw");
        await File.WriteAllTextAsync(pwfile, "bkmonitor\n");
        if (_user is not null) await RunAsync("chown", [_user, pwfile], null);
        await RunAsync(initdb, ["-D", data, "-U", "bkmonitor", "--pwfile", pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--no-sync"], _user);
        Port = ServerProcess.FreePort();
        _server = ServerProcess.Start(postgres,
            ["-D", data, "-p", Port.ToString(), "-h", "127.0.0.1", "-k", _directory, "-c", "fsync=off", "-c", "max_connections=200"], _user);
        await _server.WaitForPortAsync(Port, TimeSpan.FromSeconds(30));
        await CreateDatabaseAsync();
    }

    private async Task CreateDatabaseAsync()
    {
        var admin = $"Host=127.0.0.1;Port={Port};Username=bkmonitor;Password=bkmonitor;Database=postgres;Pooling=false";
        // The port accepts connections slightly before the server finishes recovery: retry on "starting up".
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var conn = new NpgsqlConnection(admin);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("CREATE DATABASE bkmonitor", conn);
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == "57P03" && attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        RedisServerFixture.TryDelete(_directory);
    }

    private static async Task RunAsync(string file, string[] args, string? user)
    {
        await using var p = ServerProcess.Start(file, args, user);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed with exit code {p.ExitCode}:\n{p.Output}");
    }
}
