namespace BkMonitor.Grains.Delivery;

/// <summary>
/// Resolves a notice way to its channel. A way without a channel resolves to one that reports
/// "channel 'x' is not configured", so the action records the gap instead of dropping the notice.
/// </summary>
public sealed class ChannelRegistry
{
    /// <summary>The notice ways bk-monitor knows (ALARM-SPEC §8) plus this system's webhook and log ways.</summary>
    public static readonly IReadOnlyList<string> KnownWays = ["mail", "wxwork-bot", "webhook", "log", "sms", "weixin", "voice", "qy_weixin"];

    private readonly Dictionary<string, INotificationChannel> _channels = new(StringComparer.OrdinalIgnoreCase);

    public ChannelRegistry(IEnumerable<INotificationChannel> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        foreach (var channel in channels)
        {
            if (!_channels.TryAdd(channel.Name, channel))
            {
                throw new ArgumentException($"two channels are registered for notice way '{channel.Name}'", nameof(channels));
            }
        }
    }

    public bool IsConfigured(string way) => _channels.ContainsKey(way);

    /// <summary>Never null: an unconfigured way gets a channel whose every send is a Failure naming it.</summary>
    public INotificationChannel Resolve(string way) =>
        _channels.TryGetValue(way, out var channel) ? channel : new UnconfiguredChannel(way);

    public Task<DeliveryResult> SendAsync(string way, Notification notification, CancellationToken cancellationToken) =>
        Resolve(way).SendAsync(notification, cancellationToken);

    private sealed class UnconfiguredChannel(string way) : INotificationChannel
    {
        public string Name => way;

        public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryResult.NotConfigured(way));
    }
}
