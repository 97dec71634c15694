using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>
/// A Kestrel server on loopback taking the alarm webhooks (Alertmanager v4 bodies): it notes, per value of one
/// label (the series' host), the <see cref="Stopwatch"/> timestamp of the first webhook that named it.
/// </summary>
public sealed class WebhookArrivals(string label) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _first = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private long _received;

    public string Url { get; private set; } = "";

    /// <summary>Webhooks received, duplicates included.</summary>
    public long Received => Interlocked.Read(ref _received);

    public int Distinct => _first.Count;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var at = Stopwatch.GetTimestamp();
            foreach (var alert in body.RootElement.GetProperty("alerts").EnumerateArray())
            {
                if (alert.GetProperty("labels").TryGetProperty(label, out var value)) _first.TryAdd(value.GetString()!, at);
            }
            Interlocked.Increment(ref _received);
            return Results.Ok();
        });
        await _app.StartAsync();
        Url = _app.Urls.First() + "/hook";
    }

    public bool TryGetArrival(string labelValue, out long timestamp) => _first.TryGetValue(labelValue, out timestamp);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
