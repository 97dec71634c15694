using System.IO.Pipelines;
using System.Net.Sockets;

namespace BkMonitor.Runtime.Transport;

/// <summary>The connecting side: opening connections to remote silos and sending once one is open.</summary>
internal sealed partial class TcpSiloTransport
{
    private static async Task ConnectAndSendAsync(RemoteSilo remote, PendingRequest pending)
    {
        OutboundConnection connection;
        try
        {
            var connecting = remote.ConnectAsync();
            if (!connecting.IsCompleted)
            {
                // The timeout covers connecting: stop waiting for a slow connect once the request has failed.
                await Task.WhenAny(connecting, pending.Task).ConfigureAwait(false);
                if (pending.IsCompleted)
                {
                    return;
                }
            }
            connection = await connecting.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            pending.TryFail(new SiloUnavailableException(ex.Message, ex.InnerException));
            return;
        }
        if (!connection.TrySend(pending))
        {
            await connection.SendWhenRoomAsync(pending).ConfigureAwait(false);
        }
    }

    private async Task ConnectAndSendOneWayAsync(RemoteSilo remote, RequestEnvelope request)
    {
        try
        {
            var connection = await remote.ConnectAsync().ConfigureAwait(false);
            if (!connection.TrySendOneWay(request))
            {
                Drop(remote.Address, request, "queue_full");
            }
        }
        catch (SiloUnavailableException)
        {
            Drop(remote.Address, request, "unreachable");
        }
    }

    private void Drop(SiloAddress target, RequestEnvelope request, string reason)
    {
        _services.Instruments.Dropped(reason);
        TransportLog.OneWayDropped(_services.Logger, request, target, reason);
    }

    private async Task<OutboundConnection> OpenConnectionAsync(SiloAddress target)
    {
        if (IsStopped)
        {
            throw new SiloUnavailableException($"The transport of silo {LocalSilo} is stopped.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            deadline.CancelAfter(Options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(target.Host, target.Port, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                throw new SiloUnavailableException($"Connecting to silo {target} timed out after {Options.ConnectTimeout.TotalSeconds:0.###} s.");
            }
            catch (SocketException ex)
            {
                throw new SiloUnavailableException($"Cannot connect to silo {target}: {ex.SocketErrorCode}.", ex);
            }
            var stream = new NetworkStream(socket, ownsSocket: false);
            var input = PipeReader.Create(stream, ReaderOptions);
            var output = PipeWriter.Create(stream, WriterOptions);
            deadline.CancelAfter(Options.HandshakeTimeout);
            try
            {
                await Handshake.ConnectAsync(input, output, LocalHello, target, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                throw new SiloUnavailableException($"Silo {target} did not answer the handshake within {Options.HandshakeTimeout.TotalSeconds:0.###} s.");
            }
            catch (Exception ex) when (ex is MalformedFrameException or IOException)
            {
                throw new SiloUnavailableException($"Silo {target} broke off the handshake: {ex.Message}.", ex);
            }
            var connection = new OutboundConnection(socket, input, output, target, _services, closed => _outbound.TryRemove((OutboundConnection)closed, out _));
            _outbound.TryAdd(connection, 0);
            connection.Start();
            TransportLog.Connected(_services.Logger, target);
            return connection;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
