using System.Net;

namespace BkMonitor.Grains.Delivery;

/// <summary>
/// Sends webhooks with a per-attempt timeout, exponential backoff on 5xx/timeouts/connection errors,
/// Retry-After on 429, and manually followed, bounded redirects. Never throws for delivery problems.
/// </summary>
public sealed partial class WebhookSender
{
    private readonly HttpClient _http;
    private readonly WebhookSenderOptions _options;
    private readonly TimeProvider _time;

    /// <param name="http">A client that does not follow redirects itself (see <see cref="CreateHttpClient"/>).</param>
    public WebhookSender(HttpClient http, WebhookSenderOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _http = http;
        _options = options;
        _time = time;
    }

    /// <summary>A client for this sender: no automatic redirects (we bound them), bounded connect, recycled connections for DNS changes.</summary>
    public static HttpClient CreateHttpClient(TimeSpan? connectTimeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        // Attempts carry their own timeout; HttpClient's would fire across retries and backoff waits.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Counts every HTTP attempt by outcome when set (the silo's sender; tests may leave it unset).</summary>
    internal DeliveryInstruments? Instruments { get; init; }

    public async Task<DeliveryResult> SendAsync(WebhookRequest request, CancellationToken cancellationToken) =>
        (await ExchangeAsync(request, cancellationToken)).Result;

    internal async Task<WebhookExchange> ExchangeAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        var invalid = WebhookRequestCheck.Validate(request, out var uri, out var method);
        if (invalid is not null)
        {
            return new WebhookExchange(DeliveryResult.Failed(invalid), default);
        }
        var attempts = 0;
        while (true)
        {
            attempts++;
            var attempt = await AttemptAsync(uri, method, request, cancellationToken);
            Instruments?.Attempted(attempt);
            if (attempt.Succeeded)
            {
                var ok = new DeliveryResult(DeliveryStatus.Success, attempts, attempt.StatusCode, attempt.Describe(attempts), _time.GetElapsedTime(started));
                return new WebhookExchange(ok, attempt.Body);
            }
            if (!attempt.Retryable || attempts >= _options.MaxAttempts)
            {
                var failed = DeliveryResult.Failed(attempt.Describe(attempts), attempts, attempt.StatusCode, _time.GetElapsedTime(started));
                return new WebhookExchange(failed, default);
            }
            await Task.Delay(attempt.RetryAfter ?? BackoffAfter(attempts), _time, cancellationToken);
        }
    }

    private TimeSpan BackoffAfter(int attempts)
    {
        // 2^(n-1) overflows nothing here: MaxDelay caps long before the exponent matters.
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var ticks = Math.Min(_options.BaseDelay.Ticks * factor, _options.MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
