using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace BkMonitor.EndToEndTests;

/// <summary>The main job (<c>BkMonitor.Silo.dll</c>) started as a real process on a free loopback port.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static async Task<SiloProcess> StartAsync(string dataDirectory, IDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        // A test host started in the background inherits SIGINT as ignored, and .NET keeps an ignored SIGINT ignored:
        // env resets it so the silo reacts to Ctrl-C as it does in a terminal.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(SiloDll());
        info.Environment["BKMONITOR_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["BKMONITOR_DATA_DIR"] = dataDirectory;
        info.Environment["BKMONITOR_Silo__SiloPort"] = FreePort().ToString();
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var silo = new SiloProcess(Process.Start(info)!, port, dataDirectory);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await silo._listening.Task.WaitAsync(timeout.Token);
        return silo;
    }

    /// <summary>Sends SIGINT (what Ctrl-C sends) and waits for the process to exit.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        if (kill(_process.Id, 2) != 0) throw new InvalidOperationException("kill(SIGINT) failed");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"silo did not exit within {timeout} of SIGINT; its output:\n{Output}");
        }

        return _process.ExitCode;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.Contains("Now listening on", StringComparison.Ordinal)) _listening.TrySetResult();
    }

    private static string SiloDll()
    {
        // tests/BkMonitor.EndToEndTests/bin/<Configuration>/net10.0 → silo/bin/<Configuration>/net10.0
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var configuration = new DirectoryInfo(here).Parent!.Name;
        var root = Path.GetFullPath(Path.Combine(here, "..", "..", "..", "..", ".."));
        var dll = Path.Combine(root, "silo", "bin", configuration, "net10.0", "BkMonitor.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the silo first (dotnet build BkMonitor.sln).", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
