using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BkMonitor.IntegrationTests.Delivery;

/// <summary>A request as it arrived on the wire.</summary>
public sealed record RecordedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>What the receiver answers; <see cref="HttpTestReceiver.Hang"/> means accept and never answer.</summary>
public sealed record ReceiverReply(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 over a raw TcpListener: records every request byte-exact and
/// answers from a script, one request per connection. Tests await recorded requests, never sleep.
/// </summary>
public sealed class HttpTestReceiver : IAsyncDisposable
{
    public static readonly ReceiverReply Hang = new(-1);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<RecordedRequest, int, ReceiverReply> _respond;
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;

    public HttpTestReceiver(Func<RecordedRequest, int, ReceiverReply> respond)
    {
        _respond = respond;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Url(string path = "/hook") => $"http://127.0.0.1:{Port}{path}";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests) return _requests.ToList();
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> requests have arrived; fails the test after 10 s.</summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_requests)
        {
            if (_requests.Count >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_connections) _connections.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var request = await ReadRequestAsync(stream, _stop.Token);
            if (request is null) return;
            int index;
            lock (_requests)
            {
                _requests.Add(request);
                index = _requests.Count - 1;
                foreach (var waiter in _waiters.Where(w => w.Count <= _requests.Count).ToList())
                {
                    waiter.Done.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
            var reply = _respond(request, index);
            if (ReferenceEquals(reply, Hang))
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }
            await stream.WriteAsync(Encode(reply), _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The client gave up (timeout) or the test ended: nothing to answer.
        }
    }

    private static async Task<RecordedRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int headerEnd;
        while ((headerEnd = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0) return null;
            buffer.Write(chunk, 0, read);
        }
        var head = Encoding.ASCII.GetString(buffer.GetBuffer(), 0, headerEnd).Split("\r\n");
        var requestLine = head[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var prior) ? $"{prior}, {value}" : value;
        }
        var length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var bodyStart = headerEnd + 4;
        while (buffer.Length - bodyStart < length)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0) return null;
            buffer.Write(chunk, 0, read);
        }
        var body = buffer.GetBuffer().AsSpan(bodyStart, length).ToArray();
        return new RecordedRequest(requestLine[0], requestLine[1], headers, body);
    }

    private static byte[] Encode(ReceiverReply reply)
    {
        var body = Encoding.UTF8.GetBytes(reply.Body);
        var text = new StringBuilder($"HTTP/1.1 {reply.Status} Scripted\r\n");
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) text.Append($"{name}: {value}\r\n");
        text.Append($"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(text.ToString()), .. body];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] open;
        lock (_connections) open = [.. _connections];
        await Task.WhenAll(open);
        _stop.Dispose();
    }
}
