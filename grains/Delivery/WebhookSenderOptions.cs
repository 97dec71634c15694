namespace BkMonitor.Grains.Delivery;

/// <summary>Bounds for outgoing webhook calls: every knob has a cap so a bad receiver cannot hold an action forever.</summary>
public sealed class WebhookSenderOptions
{
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public int MaxAttempts { get; init; } = 3;

    /// <summary>First backoff wait; attempt n waits BaseDelay * 2^(n-1), at most <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap on a 429's Retry-After wait.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRedirects { get; init; } = 5;

    /// <summary>How much of a response body is read (for failure reasons and bot answers).</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024;

    internal void Validate()
    {
        if (AttemptTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "must be positive");
        if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "must be at least 1");
        if (BaseDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "must not be negative");
        if (MaxDelay < BaseDelay) throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "must be at least BaseDelay");
        if (MaxRetryAfter < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxRetryAfter), MaxRetryAfter, "must not be negative");
        if (MaxRedirects < 0) throw new ArgumentOutOfRangeException(nameof(MaxRedirects), MaxRedirects, "must not be negative");
        if (MaxResponseBytes < 0) throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), MaxResponseBytes, "must not be negative");
    }
}
