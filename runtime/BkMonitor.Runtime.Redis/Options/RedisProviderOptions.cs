namespace BkMonitor.Runtime.Redis;

/// <summary>
/// Settings every Redis provider shares: the seed's key prefix <c>{app_code}.{platform}[.{env}]</c> and the
/// retry policy used when a connection is lost at run time.
/// </summary>
public abstract class RedisProviderOptions
{
    public string AppCode { get; set; } = "bk_monitor";

    /// <summary><c>ee</c> (enterprise), <c>ce</c> (community) or <c>te</c> (test).</summary>
    public string Platform { get; set; } = "ee";

    /// <summary>Environment tag; omitted from keys when empty (production).</summary>
    public string? Env { get; set; }

    /// <summary>Attempts per operation when the connection is lost (with exponential backoff).</summary>
    public int MaxAttempts { get; set; } = 4;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of one backoff delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// One attempt that has no answer by then counts as a timeout. StackExchange.Redis 1.x never times out
    /// asynchronous commands itself, so without this a hung server would hang the caller.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>{app_code}.{platform}[.{env}]</c>.</summary>
    public string KeyPrefix => string.IsNullOrEmpty(Env) ? $"{AppCode}.{Platform}" : $"{AppCode}.{Platform}.{Env}";

    protected void ValidateCommon(string provider)
    {
        if (string.IsNullOrWhiteSpace(AppCode) || string.IsNullOrWhiteSpace(Platform))
        {
            throw new ArgumentException($"{provider}: AppCode and Platform are required for key naming.");
        }
        if (MaxAttempts < 1) throw new ArgumentException($"{provider}: MaxAttempts must be at least 1, got {MaxAttempts}.");
        if (FirstRetryDelay < TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            throw new ArgumentException($"{provider}: need 0 <= FirstRetryDelay <= MaxRetryDelay.");
        }
        if (OperationTimeout <= TimeSpan.Zero) throw new ArgumentException($"{provider}: OperationTimeout must be positive.");
    }
}
