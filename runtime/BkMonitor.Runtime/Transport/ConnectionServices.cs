using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Transport;

/// <summary>What every connection of one transport shares.</summary>
internal sealed record ConnectionServices(SiloTransportOptions Options, TransportInstruments Instruments, ILogger Logger, TimeProvider Time);
