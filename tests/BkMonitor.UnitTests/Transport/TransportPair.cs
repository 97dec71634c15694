using System.Net;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.UnitTests.Transport;

/// <summary>Two real transports on loopback: a server silo hosting an <see cref="EchoService"/> and a client silo calling it.</summary>
internal sealed class TransportPair : IAsyncDisposable
{
    private TransportPair(TcpSiloTransport server, TcpSiloTransport client, EchoService service)
    {
        Server = server;
        Client = client;
        Service = service;
    }

    public TcpSiloTransport Server { get; private set; }

    public TcpSiloTransport Client { get; }

    public EchoService Service { get; }

    public SiloAddress ServerSilo => Server.LocalSilo;

    public static async Task<TransportPair> StartAsync(Action<SiloTransportOptions>? server = null, Action<SiloTransportOptions>? client = null)
    {
        var service = new EchoService();
        var serverTransport = await StartServerAsync(new SiloAddress("127.0.0.1", 0, 1), service, server);
        var clientTransport = new TcpSiloTransport(new SiloAddress("127.0.0.1", 0, 2), Options(client));
        return new TransportPair(serverTransport, clientTransport, service);
    }

    public static async Task<TcpSiloTransport> StartServerAsync(SiloAddress silo, IEchoService service, Action<SiloTransportOptions>? configure = null)
    {
        var transport = new TcpSiloTransport(silo, Options(configure));
        await transport.StartAsync(new IPEndPoint(IPAddress.Loopback, silo.Port), new EchoHandler(service));
        return transport;
    }

    public static SiloTransportOptions Options(Action<SiloTransportOptions>? configure)
    {
        var options = new SiloTransportOptions { ClusterId = "transport-tests" };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Replaces the server with a fresh transport on the same silo address (a restart on the same port).</summary>
    public async Task RestartServerAsync()
    {
        var silo = Server.LocalSilo;
        Server = await StartServerAsync(silo, Service);
    }

    /// <summary>Calls the server through the client transport the way the core will: envelope, send, read the result.</summary>
    public async Task<TResult> CallAsync<TResult>(GrainRequest<TResult> request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var envelope = GrainRequestCodec.Default.CreateEnvelope(new GrainId("echo", "1"), request, timeout ?? TimeSpan.FromSeconds(30));
        var response = await Client.SendRequestAsync(ServerSilo, envelope, cancellationToken);
        return GrainRequestCodec.Default.ReadResult<TResult>(response, envelope);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
