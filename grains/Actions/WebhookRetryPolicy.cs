using System.Globalization;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Webhook retries as pure decisions: 2xx succeeds; 5xx, timeouts and connection errors retry with
/// exponential backoff (1 s, 2 s, 4 s… capped) up to the config's max attempts; 4xx never retries,
/// except 429 which honours Retry-After (bounded); redirects are followed at most
/// <see cref="MaxRedirects"/> times and never from https to http.
/// </summary>
internal sealed class WebhookRetryPolicy
{
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A longer Retry-After makes the delivery fail instead of holding it.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);

    public int MaxRedirects { get; init; } = 5;

    public WebhookRetryDecision Decide(WebhookAttemptOutcome outcome, WebhookAttemptState state, int maxAttempts, DateTimeOffset now) =>
        outcome switch
        {
            WebhookAttemptOutcome.Timeout t => Retryable($"request timed out after {t.TimeoutSeconds} s", state, maxAttempts, null),
            WebhookAttemptOutcome.ConnectionError e => Retryable($"connection error: {e.Message}", state, maxAttempts, null),
            WebhookAttemptOutcome.Response r => DecideResponse(r, state, maxAttempts, now),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };

    /// <summary>Backoff before retry number <paramref name="attempt"/> (the attempt that just failed).</summary>
    public TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Max(0, attempt - 1));
        var ms = Math.Min(BaseDelay.TotalMilliseconds * factor, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }

    private WebhookRetryDecision DecideResponse(WebhookAttemptOutcome.Response r, WebhookAttemptState state, int maxAttempts, DateTimeOffset now)
    {
        var status = Describe(r);
        switch (r.StatusCode)
        {
            case >= 200 and < 300:
                return new WebhookRetryDecision { Step = WebhookNextStep.Succeeded };
            case 301 or 302 or 303 or 307 or 308:
                return Redirect(r, state, status);
            case 429:
                var retryAfter = ParseRetryAfter(r.RetryAfter, now);
                if (retryAfter is { } wait && wait > MaxRetryAfter)
                {
                    return Fail($"{status}: Retry-After {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s exceeds the {MaxRetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s limit");
                }
                return Retryable(status, state, maxAttempts, retryAfter);
            case >= 500 and < 600:
                return Retryable(status, state, maxAttempts, null);
            case >= 400 and < 500:
                return Fail($"{status} (client error, not retried)");
            default:
                return Fail($"unexpected {status}");
        }
    }

    private WebhookRetryDecision Retryable(string reason, WebhookAttemptState state, int maxAttempts, TimeSpan? retryAfter)
    {
        if (state.Attempt >= maxAttempts)
        {
            return Fail($"{reason}; gave up after {state.Attempt.ToString(CultureInfo.InvariantCulture)} attempt(s)");
        }
        return new WebhookRetryDecision { Step = WebhookNextStep.Retry, Delay = retryAfter ?? Backoff(state.Attempt), Reason = reason };
    }

    private WebhookRetryDecision Redirect(WebhookAttemptOutcome.Response r, WebhookAttemptState state, string status)
    {
        if (state.Redirects >= MaxRedirects)
        {
            return Fail($"too many redirects (more than {MaxRedirects.ToString(CultureInfo.InvariantCulture)})");
        }
        if (string.IsNullOrWhiteSpace(r.Location) || !Uri.TryCreate(state.Url, r.Location, out var target)
            || target.Scheme is not ("http" or "https"))
        {
            return Fail($"{status} without a usable Location header");
        }
        if (state.Url.Scheme == "https" && target.Scheme == "http")
        {
            return Fail($"{status} redirects from https to http, refused");
        }
        // 303 always, and 301/302 for POST, continue as GET without a body (what HTTP clients do);
        // 307/308 keep the method and body.
        var toGet = r.StatusCode == 303 ? state.Method != "HEAD"
            : r.StatusCode is 301 or 302 && state.Method == "POST";
        return new WebhookRetryDecision
        {
            Step = WebhookNextStep.FollowRedirect,
            RedirectUrl = target,
            RedirectMethod = toGet ? "GET" : state.Method,
            DropBody = toGet,
        };
    }

    private static WebhookRetryDecision Fail(string reason) => new() { Step = WebhookNextStep.Fail, Reason = reason };

    private static string Describe(WebhookAttemptOutcome.Response r) =>
        string.IsNullOrEmpty(r.ReasonPhrase)
            ? $"HTTP {r.StatusCode.ToString(CultureInfo.InvariantCulture)}"
            : $"HTTP {r.StatusCode.ToString(CultureInfo.InvariantCulture)} {r.ReasonPhrase}";

    // Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3); absent or unparsable means
    // "no hint": plain backoff.
    private static TimeSpan? ParseRetryAfter(string? header, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        if (long.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        if (DateTimeOffset.TryParseExact(header.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
