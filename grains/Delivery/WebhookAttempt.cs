namespace BkMonitor.Grains.Delivery;

/// <summary>How one attempt (including the redirects it followed) ended, and whether another attempt may help.</summary>
internal readonly record struct WebhookAttempt(
    bool Succeeded,
    bool Retryable,
    int? StatusCode,
    string Summary,
    string? Detail,
    TimeSpan? RetryAfter,
    ReadOnlyMemory<byte> Body,
    bool TimedOut = false)
{
    public static WebhookAttempt Success(int statusCode, ReadOnlyMemory<byte> body) =>
        new(true, false, statusCode, $"HTTP {statusCode}", null, null, body);

    public static WebhookAttempt Permanent(int? statusCode, string summary, string? detail = null) =>
        new(false, false, statusCode, summary, detail, null, default);

    public static WebhookAttempt Transient(int? statusCode, string summary, string? detail = null, TimeSpan? retryAfter = null) =>
        new(false, true, statusCode, summary, detail, retryAfter, default);

    public static WebhookAttempt Timeout(string summary) => new(false, true, null, summary, null, null, default, TimedOut: true);

    /// <summary>"HTTP 500 after 3 attempts: body", "timed out after 5 s (attempt 3 of 3)"; the count only when there was more than one.</summary>
    public string Describe(int attempts)
    {
        var text = attempts <= 1 ? Summary
            : TimedOut ? $"{Summary} (attempt {attempts} of {attempts})"
            : $"{Summary} after {attempts} attempts";
        return string.IsNullOrEmpty(Detail) ? text : $"{text}: {Detail}";
    }
}
