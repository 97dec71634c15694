namespace BkMonitor.Runtime.Transport;

/// <summary>
/// After a failed connect, further attempts wait <c>initial * 2^(failures - 1)</c>, capped at <c>max</c>;
/// calls arriving in that window fail at once instead of piling up behind a dead endpoint.
/// Times are readings of one monotonic clock.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max)
{
    private int _failures;
    private TimeSpan _retryAt;

    public int Failures => _failures;

    public Exception? LastError { get; private set; }

    public TimeSpan DelayAfter(int failures)
    {
        if (failures <= 0)
        {
            return TimeSpan.Zero;
        }
        var delay = initial;
        for (var i = 1; i < failures && i < 40 && delay > TimeSpan.Zero && delay < max; i++)
        {
            delay += delay;
        }
        return delay < max ? delay : max;
    }

    /// <summary>How long until the next attempt is allowed (zero: now).</summary>
    public TimeSpan RemainingWait(TimeSpan now) => _failures == 0 || now >= _retryAt ? TimeSpan.Zero : _retryAt - now;

    /// <summary>Records a failed attempt and returns the wait before the next one.</summary>
    public TimeSpan Failed(TimeSpan now, Exception error)
    {
        _failures++;
        LastError = error;
        var delay = DelayAfter(_failures);
        _retryAt = now + delay;
        return delay;
    }

    public void Succeeded()
    {
        _failures = 0;
        LastError = null;
    }
}
