using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Delivery;

/// <summary>The "log" way of the embedded default: writes the notice to the log and keeps the last N for the dashboard.</summary>
public sealed partial class LogChannel : INotificationChannel
{
    public const string WayName = "log";

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly LoggedNotice?[] _recent;
    private readonly Lock _gate = new();
    private long _written;

    public LogChannel(ILogger<LogChannel> logger, TimeProvider time, int keep = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        _logger = logger;
        _time = time;
        _recent = new LoggedNotice?[keep];
    }

    public string Name => WayName;

    public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var notice = new LoggedNotice(_time.GetUtcNow(), notification.IdempotencyKey, notification.Receivers, notification.Title, notification.Content);
        lock (_gate)
        {
            _recent[_written % _recent.Length] = notice;
            _written++;
        }
        LogNotice(_logger, notification.IdempotencyKey, string.Join(',', notification.Receivers), notification.Title, notification.Content);
        return Task.FromResult(new DeliveryResult(DeliveryStatus.Success, 1, null, "written to the log", TimeSpan.Zero));
    }

    /// <summary>The kept notices, oldest first.</summary>
    public IReadOnlyList<LoggedNotice> Recent()
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_written, _recent.Length);
            var result = new List<LoggedNotice>(count);
            for (var i = _written - count; i < _written; i++) result.Add(_recent[i % _recent.Length]!);
            return result;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {IdempotencyKey} to [{Receivers}]: {Title}\n{Content}")]
    private static partial void LogNotice(ILogger logger, string idempotencyKey, string receivers, string title, string content);
}
