using System.Diagnostics;
using System.Globalization;
using System.Text;
using BkMonitor.IntegrationTests.Fixtures;

namespace BkMonitor.IntegrationTests.Cluster;

/// <summary>
/// The built silo (<c>silo/bin/&lt;Configuration&gt;/net10.0/BkMonitor.Silo.dll</c>) started in cluster mode on
/// Redis and PostgreSQL with the test-only probe endpoints, on free loopback ports.
/// </summary>
public sealed class ClusterSiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ClusterSiloProcess(Process process, string name, int httpPort, int siloPort)
    {
        _process = process;
        Name = name;
        SiloPort = siloPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(20) };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int SiloPort { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static Task<ClusterSiloProcess> StartAsync(string name, string clusterId, string redisEndpoint, string postgres)
        => StartAsync(name, new Dictionary<string, string>
        {
            ["BKMONITOR_CLUSTER_ID"] = clusterId,
            ["BKMONITOR_REDIS__NODES"] = $$"""[{"name":"default","connectionString":"{{redisEndpoint}}","isDefault":true}]""",
            ["BKMONITOR_POSTGRES__CONNECTIONSTRING"] = postgres,
        });

    public static async Task<ClusterSiloProcess> StartAsync(string name, IDictionary<string, string> environment, bool waitUntilListening = true)
    {
        var httpPort = ServerProcess.FreePort();
        var siloPort = ServerProcess.FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SiloDll());
        info.Environment["BKMONITOR_URLS"] = $"http://127.0.0.1:{httpPort}";
        info.Environment["BKMONITOR_DATA_DIR"] = Directory.CreateTempSubdirectory("bkm-silo-").FullName;
        info.Environment["BKMONITOR_CLUSTERING"] = "redis";
        info.Environment["BKMONITOR_CLUSTER_PROBE"] = "true";
        info.Environment["BKMONITOR_SILO__SILONAME"] = name;
        info.Environment["BKMONITOR_SILO__SILOPORT"] = siloPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["BKMONITOR_SILO__ADVERTISEDHOST"] = "127.0.0.1";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (k, v) in environment) info.Environment[k] = v;
        var silo = new ClusterSiloProcess(Process.Start(info)!, name, httpPort, siloPort);
        if (waitUntilListening)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await silo._listening.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Silo {name} did not start listening:\n{silo.Output}");
            }
        }
        return silo;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no graceful stop, no membership update.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Http.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.Contains("Now listening on", StringComparison.Ordinal)) _listening.TrySetResult();
    }

    private static string SiloDll()
    {
        // tests/BkMonitor.IntegrationTests/bin/<Configuration>/net10.0 → silo/bin/<Configuration>/net10.0
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var configuration = new DirectoryInfo(here).Parent!.Name;
        var root = Path.GetFullPath(Path.Combine(here, "..", "..", "..", "..", ".."));
        var dll = Path.Combine(root, "silo", "bin", configuration, "net10.0", "BkMonitor.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the silo first (dotnet build silo or BkMonitor.sln).", dll);
    }
}
