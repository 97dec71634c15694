namespace BkMonitor.Runtime.Transport;

/// <summary>Settings of the silo-to-silo TCP transport.</summary>
public sealed class SiloTransportOptions
{
    public const int DefaultMaxFrameSize = 16 * 1024 * 1024;

    /// <summary>Only silos presenting the same cluster id in their handshake may connect.</summary>
    public string ClusterId { get; set; } = "bkmonitor";

    /// <summary>Largest frame (header plus body) accepted or sent; a peer sending a bigger one is disconnected.</summary>
    public int MaxFrameSize { get; set; } = DefaultMaxFrameSize;

    /// <summary>Frames queued per connection before senders wait (back-pressure).</summary>
    public int SendQueueCapacity { get; set; } = 4096;

    /// <summary>Inbound requests of one connection running at once; beyond it the connection stops reading.</summary>
    public int MaxInFlightPerConnection { get; set; } = 8192;

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long either side waits for the other's handshake before dropping the connection.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After a failed connect, calls to that silo fail at once for this long, doubling per failure up to <see cref="ReconnectBackoffMax"/>.</summary>
    public TimeSpan ReconnectBackoffInitial { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectBackoffMax { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new ArgumentException("ClusterId must not be empty.", nameof(ClusterId));
        }
        Require(MaxFrameSize >= 1024, nameof(MaxFrameSize), $"must be at least 1024 bytes, was {MaxFrameSize}");
        Require(SendQueueCapacity > 0, nameof(SendQueueCapacity), $"must be positive, was {SendQueueCapacity}");
        Require(MaxInFlightPerConnection > 0, nameof(MaxInFlightPerConnection), $"must be positive, was {MaxInFlightPerConnection}");
        Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), $"must be positive, was {ConnectTimeout}");
        Require(HandshakeTimeout > TimeSpan.Zero, nameof(HandshakeTimeout), $"must be positive, was {HandshakeTimeout}");
        Require(ReconnectBackoffInitial >= TimeSpan.Zero, nameof(ReconnectBackoffInitial), $"must not be negative, was {ReconnectBackoffInitial}");
        Require(ReconnectBackoffMax >= ReconnectBackoffInitial, nameof(ReconnectBackoffMax), $"must be at least ReconnectBackoffInitial, was {ReconnectBackoffMax}");
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} {problem}.", name);
        }
    }
}
