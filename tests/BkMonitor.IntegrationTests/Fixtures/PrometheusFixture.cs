namespace BkMonitor.IntegrationTests.Fixtures;

/// <summary>
/// A real Prometheus server scraping a scrape target served by the fixture itself every second; the
/// target exposes gauges whose values the test controls.
/// </summary>
public sealed class PrometheusFixture : IAsyncLifetime
{
    private LoopbackHttpServer? _target;
    private ServerProcess? _server;
    private string _directory = "";
    private volatile string _exposition = "";

    public int Port { get; private set; }

    public int TargetPort { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Sets what the target answers on /metrics (Prometheus text format).</summary>
    public void Expose(string exposition) => _exposition = exposition;

    public async Task InitializeAsync()
    {
        var binary = ServerProcess.FindBinary("prometheus")
            ?? throw new InvalidOperationException("prometheus is not installed: run ./scripts/test.sh, which installs it (apt-get install prometheus).");
        _target = new LoopbackHttpServer((_, _) => (200, "text/plain; version=0.0.4", _exposition));
        TargetPort = _target.Port;
        _directory = Directory.CreateTempSubdirectory("bkm-prom-").FullName;
        var config = Path.Combine(_directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: bkm-target
                static_configs:
                  - targets: ["127.0.0.1:{TargetPort}"]
            """);
        Port = ServerProcess.FreePort();
        _server = ServerProcess.Start(binary,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_directory, "data")}", $"--web.listen-address=127.0.0.1:{Port}"]);
        await _server.WaitForPortAsync(Port, TimeSpan.FromSeconds(30));
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    // The port opens before the TSDB is loaded; until then every query answers 503.
    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            using (var response = await http.GetAsync("/-/ready", deadline.Token))
            {
                if (response.IsSuccessStatusCode) return;
            }
            await Task.Delay(100, deadline.Token);
        }
    }

    public async Task DisposeAsync()
    {
        _target?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        RedisServerFixture.TryDelete(_directory);
    }
}
