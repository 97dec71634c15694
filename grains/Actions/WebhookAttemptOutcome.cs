namespace BkMonitor.Grains.Actions;

/// <summary>What one webhook HTTP attempt produced.</summary>
internal abstract record WebhookAttemptOutcome
{
    private WebhookAttemptOutcome() { }

    /// <summary>An HTTP response arrived.</summary>
    /// <param name="RetryAfter">The raw Retry-After header (delta seconds or HTTP date).</param>
    /// <param name="Location">The raw Location header.</param>
    public sealed record Response(int StatusCode, string? ReasonPhrase = null, string? RetryAfter = null, string? Location = null)
        : WebhookAttemptOutcome;

    /// <summary>No response within the configured timeout.</summary>
    public sealed record Timeout(int TimeoutSeconds) : WebhookAttemptOutcome;

    /// <summary>DNS, connect, TLS or reset errors.</summary>
    public sealed record ConnectionError(string Message) : WebhookAttemptOutcome;
}

/// <summary>Where a webhook delivery stands before the decision.</summary>
/// <param name="Attempt">1-based number of the attempt that just finished.</param>
/// <param name="Redirects">Redirects already followed.</param>
internal sealed record WebhookAttemptState(int Attempt, int Redirects, Uri Url, string Method);

/// <summary>What to do next.</summary>
internal enum WebhookNextStep
{
    Succeeded,
    Retry,
    FollowRedirect,
    Fail,
}

/// <summary>The retry policy's decision.</summary>
internal sealed record WebhookRetryDecision
{
    public required WebhookNextStep Step { get; init; }

    /// <summary>Wait before the retry.</summary>
    public TimeSpan Delay { get; init; }

    public Uri? RedirectUrl { get; init; }

    public string? RedirectMethod { get; init; }

    /// <summary>The redirect turned the request into a GET: send it without the body.</summary>
    public bool DropBody { get; init; }

    /// <summary>Why the delivery failed (on <see cref="WebhookNextStep.Fail"/>), or why the attempt is retried.</summary>
    public string? Reason { get; init; }
}
