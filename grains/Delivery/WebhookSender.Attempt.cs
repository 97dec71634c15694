using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace BkMonitor.Grains.Delivery;

public sealed partial class WebhookSender
{
    private const int ReasonBodyChars = 300;

    private async Task<WebhookAttempt> AttemptAsync(Uri target, HttpMethod method, WebhookRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var current = target;
        var redirects = 0;
        try
        {
            while (true)
            {
                using var message = BuildMessage(current, method, request, sameOrigin: IsSameOrigin(target, current));
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var code = (int)response.StatusCode;
                if (code is >= 300 and < 400)
                {
                    redirects++;
                    if (redirects > _options.MaxRedirects) return WebhookAttempt.Permanent(code, $"too many redirects ({redirects})");
                    var next = RedirectTarget(current, response.Headers.Location, out var refused);
                    if (next is null) return WebhookAttempt.Permanent(code, $"HTTP {code} {refused}");
                    current = next;
                    method = MethodAfterRedirect(code, method);
                    continue;
                }
                var body = await ReadCappedAsync(response.Content, linked.Token, cancellationToken);
                if (code is >= 200 and < 300) return WebhookAttempt.Success(code, body);
                var detail = Snippet(body.Span);
                if (code == 429) return WebhookAttempt.Transient(code, "HTTP 429", detail, RetryAfter(response.Headers.RetryAfter));
                return code >= 500
                    ? WebhookAttempt.Transient(code, $"HTTP {code}", detail)
                    : WebhookAttempt.Permanent(code, $"HTTP {code}", detail);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = _options.AttemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return WebhookAttempt.Timeout($"timed out after {seconds} s");
        }
        catch (HttpRequestException e)
        {
            return WebhookAttempt.Transient(null, "connection failed", e.InnerException?.Message ?? e.Message);
        }
    }

    private static HttpRequestMessage BuildMessage(Uri target, HttpMethod method, WebhookRequest request, bool sameOrigin)
    {
        var message = new HttpRequestMessage(method, target);
        if (method != HttpMethod.Get)
        {
            message.Content = new ReadOnlyMemoryContent(request.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        foreach (var (name, value) in request.Headers)
        {
            // Credentials stay with the origin they were configured for, as HttpClient's own redirect handling does.
            if (!sameOrigin && name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) continue;
            if (message.Headers.TryAddWithoutValidation(name, value)) continue;
            if (message.Content is null) continue;
            message.Content.Headers.Remove(name);
            message.Content.Headers.TryAddWithoutValidation(name, value);
        }
        message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        return message;
    }

    private static Uri? RedirectTarget(Uri current, Uri? location, out string refused)
    {
        refused = "";
        if (location is null)
        {
            refused = "redirect without a Location header";
            return null;
        }
        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (!WebhookRequestCheck.IsHttpUrl(next.OriginalString, out _))
        {
            refused = $"redirect to unsupported URL '{next}'";
            return null;
        }
        if (current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
        {
            refused = $"redirect from https to http refused ('{next}')";
            return null;
        }
        return next;
    }

    // As browsers and HttpClient do: 303 always becomes GET, 300-302 turn POST into GET, 307/308 keep method and body.
    private static HttpMethod MethodAfterRedirect(int code, HttpMethod method) => code switch
    {
        303 => HttpMethod.Get,
        300 or 301 or 302 when method == HttpMethod.Post => HttpMethod.Get,
        _ => method,
    };

    private static bool IsSameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase);

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header is null) return null;
        var wait = header.Delta ?? (header.Date is { } date ? date - _time.GetUtcNow() : TimeSpan.Zero);
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > _options.MaxRetryAfter ? _options.MaxRetryAfter : wait;
    }

    private async Task<ReadOnlyMemory<byte>> ReadCappedAsync(HttpContent content, CancellationToken attemptToken, CancellationToken callerToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_options.MaxResponseBytes);
        var filled = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(attemptToken);
            while (filled < _options.MaxResponseBytes)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled, _options.MaxResponseBytes - filled), attemptToken);
                if (read == 0) break;
                filled += read;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException || e is OperationCanceledException && !callerToken.IsCancellationRequested)
        {
            // The status line already told us what happened; a body that breaks off only shortens the reason.
        }
        var body = filled == 0 ? [] : buffer.AsSpan(0, filled).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        return body;
    }

    private static string? Snippet(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return null;
        var text = Encoding.UTF8.GetString(body).Trim();
        return text.Length <= ReasonBodyChars ? text : string.Concat(text.AsSpan(0, ReasonBodyChars), "…");
    }
}
