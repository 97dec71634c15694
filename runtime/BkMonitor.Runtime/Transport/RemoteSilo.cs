namespace BkMonitor.Runtime.Transport;

/// <summary>
/// The connection to one remote silo: opened lazily, shared by all callers, reopened on demand after it
/// closes, with <see cref="ReconnectBackoff"/> between failed attempts. Once disconnected (declared dead)
/// it stays a tombstone that fails every call at once.
/// </summary>
internal sealed class RemoteSilo(SiloAddress address, Func<SiloAddress, Task<OutboundConnection>> open, ConnectionServices services)
{
    private readonly Lock _lock = new();
    private readonly ReconnectBackoff _backoff = new(services.Options.ReconnectBackoffInitial, services.Options.ReconnectBackoffMax);
    private readonly long _clockStart = services.Time.GetTimestamp();
    private OutboundConnection? _connection;
    private TaskCompletionSource<OutboundConnection>? _connecting;
    private Exception? _disconnected;
    private bool _hadConnection;

    public SiloAddress Address { get; } = address;

    /// <summary>The open connection, if any (the fast path of a send).</summary>
    public OutboundConnection? Current => _connection is { IsClosed: false } connection ? connection : null;

    public Task<OutboundConnection> ConnectAsync()
    {
        TaskCompletionSource<OutboundConnection> connecting;
        lock (_lock)
        {
            if (_disconnected is not null)
            {
                return Task.FromException<OutboundConnection>(new SiloUnavailableException(_disconnected.Message));
            }
            if (_connection is { IsClosed: false } open)
            {
                return Task.FromResult(open);
            }
            if (_connecting is not null)
            {
                return _connecting.Task;
            }
            var wait = _backoff.RemainingWait(Now);
            if (wait > TimeSpan.Zero)
            {
                return Task.FromException<OutboundConnection>(new SiloUnavailableException(
                    $"Silo {Address} is unreachable ({_backoff.LastError?.Message}); the next connection attempt is in {wait.TotalMilliseconds:0} ms.",
                    _backoff.LastError));
            }
            if (_hadConnection || _backoff.Failures > 0)
            {
                services.Instruments.Reconnect();
            }
            connecting = _connecting = new TaskCompletionSource<OutboundConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _ = OpenAsync(connecting);
        return connecting.Task;
    }

    /// <summary>Membership declared the silo dead: close now, and refuse every later call.</summary>
    public void Disconnect(string reason)
    {
        OutboundConnection? connection;
        var error = new SiloUnavailableException($"Silo {Address} is unavailable: {reason}.");
        lock (_lock)
        {
            _disconnected = error;
            connection = _connection;
            _connection = null;
        }
        connection?.Close(error);
    }

    private TimeSpan Now => services.Time.GetElapsedTime(_clockStart);

    private async Task OpenAsync(TaskCompletionSource<OutboundConnection> connecting)
    {
        OutboundConnection? connection = null;
        Exception? error = null;
        try
        {
            connection = await open(Address).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error = ex as SiloUnavailableException ?? new SiloUnavailableException($"Cannot connect to silo {Address}: {ex.Message}", ex);
        }
        lock (_lock)
        {
            _connecting = null;
            if (error is null && _disconnected is not null)
            {
                error = _disconnected;
            }
            else if (error is null)
            {
                _connection = connection;
                _hadConnection = true;
                _backoff.Succeeded();
            }
            else
            {
                var backoff = _backoff.Failed(Now, error);
                TransportLog.ConnectFailed(services.Logger, error, Address, backoff.TotalMilliseconds);
            }
        }
        if (error is null)
        {
            connecting.TrySetResult(connection!);
        }
        else
        {
            connection?.Close(error);
            connecting.TrySetException(error);
            // Callers that timed out before the attempt ended no longer observe it; do not report it as unobserved.
            _ = connecting.Task.Exception;
        }
    }
}
