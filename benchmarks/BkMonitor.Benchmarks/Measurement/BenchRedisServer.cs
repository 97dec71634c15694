using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>
/// The Redis a scenario runs on: <c>BKMONITOR_BENCH_REDIS</c> (host:port) when set, else a redis-server started on
/// a free loopback port without persistence in a temporary directory, killed on dispose.
/// </summary>
public sealed class BenchRedisServer : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly string? _directory;

    private BenchRedisServer(string endpoint, Process? process, string? directory)
    {
        Endpoint = endpoint;
        _process = process;
        _directory = directory;
    }

    public string Endpoint { get; }

    public static async Task<BenchRedisServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("BKMONITOR_BENCH_REDIS") is { Length: > 0 } given)
        {
            return new BenchRedisServer(given, null, null);
        }
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server) and BKMONITOR_BENCH_REDIS is not set.");
        var directory = Directory.CreateTempSubdirectory("bkm-bench-redis-").FullName;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory })
            {
                info.ArgumentList.Add(a);
            }
            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start redis-server");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return new BenchRedisServer($"127.0.0.1:{port}", process, directory);
                }
                catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20) && !process.HasExited)
                {
                    await Task.Delay(50);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans temporary directories.
            }
        }
    }
}
