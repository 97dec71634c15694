using BkMonitor.Runtime.Timers;

namespace BkMonitor.Runtime.Messaging;

/// <summary>
/// Response timeouts without a timer per call: calls are linked into a few striped lists in send order
/// (deadlines grow with send time because the timeout is the same for all), and a periodic scan on the
/// silo's <see cref="TimeProvider"/> fails the expired heads. A fake clock therefore drives timeouts in tests.
/// </summary>
internal sealed class CallTimeoutTracker : IDisposable
{
    private readonly Bucket[] _buckets;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly long _timeoutTicks;
    private ITimer? _timer;

    public CallTimeoutTracker(TimeProvider time, TimeSpan timeout)
    {
        _time = time;
        _timeout = timeout;
        _timeoutTicks = TimestampSpan.From(time, timeout);
        _buckets = new Bucket[Math.Max(4, Environment.ProcessorCount * 2)];
        for (var i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = new Bucket();
        }
    }

    public TimeSpan Timeout => _timeout;

    public void Start()
    {
        var period = TimeSpan.FromTicks(Math.Clamp(_timeout.Ticks / 10, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerSecond));
        _timer ??= _time.CreateTimer(static s => ((CallTimeoutTracker)s!).Scan(), this, period, period);
    }

    public void Track(CallMessage message)
    {
        var index = (int)((uint)Environment.CurrentManagedThreadId % (uint)_buckets.Length);
        var bucket = _buckets[index];
        lock (bucket)
        {
            message.Deadline = _time.GetTimestamp() + _timeoutTicks;
            message.TimeoutBucket = index;
            message.TimeoutPrevious = bucket.Tail;
            if (bucket.Tail is null)
            {
                bucket.Head = message;
            }
            else
            {
                bucket.Tail.TimeoutNext = message;
            }
            bucket.Tail = message;
        }
    }

    public void Untrack(CallMessage message)
    {
        var index = message.TimeoutBucket;
        if (index < 0)
        {
            return;
        }
        var bucket = _buckets[index];
        lock (bucket)
        {
            if (message.TimeoutBucket >= 0)
            {
                bucket.Unlink(message);
            }
        }
    }

    /// <summary>Fails every call still waiting (the silo that sent them is gone).</summary>
    public void FailAll(Func<CallMessage, Exception> failure)
    {
        foreach (var message in Take(long.MaxValue, all: true))
        {
            message.CompleteWithException(failure(message), CallOutcome.Failure);
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Scan()
    {
        foreach (var message in Take(_time.GetTimestamp(), all: false))
        {
            message.CompleteWithException(
                new GrainCallTimeoutException(message.Target, message.Request.InterfaceName, message.Request.MethodName, _timeout),
                CallOutcome.Timeout);
        }
    }

    private List<CallMessage> Take(long now, bool all)
    {
        List<CallMessage>? expired = null;
        foreach (var bucket in _buckets)
        {
            lock (bucket)
            {
                // Deadlines are taken under the bucket lock, so each list is in deadline order.
                while (bucket.Head is { } head && (all || head.Deadline <= now))
                {
                    bucket.Unlink(head);
                    (expired ??= []).Add(head);
                }
            }
        }
        return expired ?? [];
    }

    private sealed class Bucket
    {
        public CallMessage? Head { get; set; }

        public CallMessage? Tail { get; set; }

        public void Unlink(CallMessage message)
        {
            if (message.TimeoutPrevious is null)
            {
                Head = message.TimeoutNext;
            }
            else
            {
                message.TimeoutPrevious.TimeoutNext = message.TimeoutNext;
            }
            if (message.TimeoutNext is null)
            {
                Tail = message.TimeoutPrevious;
            }
            else
            {
                message.TimeoutNext.TimeoutPrevious = message.TimeoutPrevious;
            }
            message.TimeoutPrevious = null;
            message.TimeoutNext = null;
            message.TimeoutBucket = -1;
        }
    }
}
