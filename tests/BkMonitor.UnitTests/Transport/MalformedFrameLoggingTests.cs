using System.Net;
using System.Net.Sockets;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Transport;
using Microsoft.Extensions.Logging;

namespace BkMonitor.UnitTests.Transport;

public sealed class MalformedFrameLoggingTests
{
    [Fact]
    public async Task Dropped_garbage_connection_is_logged_as_a_warning_naming_the_peer()
    {
        var logs = new LogSink();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var silo = new SiloAddress("127.0.0.1", FreePort(), 1);
        await using var server = new TcpSiloTransport(silo, TransportPair.Options(null), factory);
        await server.StartAsync(new IPEndPoint(IPAddress.Loopback, silo.Port), new EchoHandler(new EchoService()));
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync(IPAddress.Loopback, silo.Port);
        var peer = raw.LocalEndPoint!.ToString()!;

        await raw.SendAsync("\u0001garbage that is no handshake at all"u8.ToArray());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!logs.Contains(peer))
        {
            await Task.Delay(10, timeout.Token);
        }

        var line = logs.Lines.First(l => l.Message.Contains(peer, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.StartsWith("Dropped connection from", line.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class LogSink : ILoggerProvider, ILogger
    {
        private readonly List<(LogLevel Level, string Message)> _lines = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Lines
        {
            get
            {
                lock (_lines) return [.. _lines];
            }
        }

        public bool Contains(string text) => Lines.Any(l => l.Message.Contains(text, StringComparison.Ordinal));

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add((logLevel, formatter(state, exception)));
        }

        public void Dispose()
        {
        }
    }
}
