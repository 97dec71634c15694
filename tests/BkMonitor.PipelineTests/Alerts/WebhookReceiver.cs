using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>
/// A real HTTP server on loopback recording each webhook with its Idempotency-Key; tests wait on counts. <c>/hook</c>
/// answers 200; <c>/bot</c> answers as a WeCom group robot does (<c>{"errcode": 0}</c>).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedWebhook> _received = [];
    private readonly List<(Func<IReadOnlyList<ReceivedWebhook>, bool> Done, TaskCompletionSource Signal)> _waiters = [];
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    public string BotUrl { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            await RecordAsync(request);
            return Results.Ok();
        });
        _app.MapPost("/bot", async (HttpRequest request) =>
        {
            await RecordAsync(request);
            return Results.Json(new { errcode = 0, errmsg = "ok" });
        });
        await _app.StartAsync();
        Url = _app.Urls.First() + "/hook";
        BotUrl = _app.Urls.First() + "/bot";
    }

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_gate) return [.. _received];
        }
    }

    /// <summary>The webhooks about one alert (label <c>alert_id</c>), in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Of(string alertId) => [.. Received.Where(w => w.AlertId == alertId)];

    public Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (done(_received)) return Task.FromResult<IReadOnlyList<ReceivedWebhook>>([.. _received]);
            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((done, signal));
        }
        return WaitAsync(signal.Task);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task<IReadOnlyList<ReceivedWebhook>> WaitAsync(Task signal)
    {
        try
        {
            await signal.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("webhooks received: " + string.Join(", ", Received.Select(w => $"{w.AlertId}/{w.Status}")));
        }
        return Received;
    }

    private async Task RecordAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        Add(new ReceivedWebhook(request.Headers["Idempotency-Key"].ToString(), JsonNode.Parse(body)!.AsObject()) { Path = request.Path });
    }

    private void Add(ReceivedWebhook webhook)
    {
        lock (_gate)
        {
            _received.Add(webhook);
            foreach (var waiter in _waiters.Where(w => w.Done(_received)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }
}

/// <summary>One received webhook: its Idempotency-Key and Alertmanager v4 body.</summary>
public sealed record ReceivedWebhook(string IdempotencyKey, JsonObject Body)
{
    /// <summary>/hook or /bot.</summary>
    public string Path { get; init; } = "/hook";

    /// <summary>The markdown text of a group robot message; null for other bodies.</summary>
    public string? Markdown => Body["markdown"]?["content"]?.GetValue<string>();

    public string AlertId => Body["alerts"]?[0]?["labels"]?["alert_id"]?.GetValue<string>() ?? "";

    /// <summary>firing or resolved.</summary>
    public string Status => Body["alerts"]?[0]?["status"]?.GetValue<string>() ?? Path;
}
