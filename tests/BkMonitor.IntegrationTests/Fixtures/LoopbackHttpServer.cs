using System.Net;
using System.Text;

namespace BkMonitor.IntegrationTests.Fixtures;

/// <summary>A real HTTP server on a free loopback port that answers every request with a test's handler.</summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerRequest, string, (int Status, string ContentType, string Body)> _handler;

    public LoopbackHttpServer(Func<HttpListenerRequest, string, (int Status, string ContentType, string Body)> handler)
    {
        _handler = handler;
        Port = ServerProcess.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
            var (status, contentType, body) = _handler(ctx.Request, await reader.ReadToEndAsync());
            var bytes = Encoding.UTF8.GetBytes(body);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = contentType;
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
