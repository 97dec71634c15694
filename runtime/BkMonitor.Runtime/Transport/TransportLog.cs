using System.Net;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Transport;

/// <summary>Source-generated log messages of the silo transport.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Silo transport {Silo} listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, SiloAddress silo, EndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped connection from {RemoteEndPoint} ({Reason}): {Detail}")]
    public static partial void ConnectionDropped(ILogger logger, EndPoint? remoteEndPoint, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to silo {Silo}")]
    public static partial void Connected(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted connection from silo {Silo} at {RemoteEndPoint}")]
    public static partial void Accepted(ILogger logger, SiloAddress silo, EndPoint? remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connecting to silo {Silo} failed; calls to it fail for {BackoffMs} ms before the next attempt")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, SiloAddress silo, double backoffMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Direction} connection with silo {Silo} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string direction, SiloAddress silo, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "One-way request {Request} to silo {Silo} dropped: {Reason}")]
    public static partial void OneWayDropped(ILogger logger, RequestEnvelope request, SiloAddress silo, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "One-way request {Request} from silo {Silo} failed")]
    public static partial void OneWayFailed(ILogger logger, Exception exception, RequestEnvelope request, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accepting a connection failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Response {CorrelationId} from silo {Silo} arrived after its request completed")]
    public static partial void LateResponse(ILogger logger, long correlationId, SiloAddress silo);
}
