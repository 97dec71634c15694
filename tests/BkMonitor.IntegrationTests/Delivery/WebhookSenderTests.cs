using System.Net;
using System.Net.Sockets;
using System.Text;
using BkMonitor.Grains.Delivery;

namespace BkMonitor.IntegrationTests.Delivery;

/// <summary>The webhook sender against a real HTTP receiver on loopback: retries, timeouts, redirects, exact bytes.</summary>
public sealed class WebhookSenderTests : IDisposable
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(10);

    private readonly HttpClient _http = WebhookSender.CreateHttpClient(TimeSpan.FromSeconds(2));
    private readonly RecordingTimeProvider _time = new();

    private WebhookSender Sender(int maxAttempts = 3, TimeSpan? attemptTimeout = null, TimeSpan? maxRetryAfter = null) =>
        new(_http, new WebhookSenderOptions
        {
            MaxAttempts = maxAttempts,
            BaseDelay = BaseDelay,
            MaxDelay = TimeSpan.FromMilliseconds(100),
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(5),
            MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromMilliseconds(30),
        }, _time);

    private static WebhookRequest Request(string url, string body = """{"status":"firing"}""", string key = "alert-1:abnormal:0") =>
        new(url, "POST", Encoding.UTF8.GetBytes(body), "application/json", key);

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Webhook_delivers_body_and_headers_byte_exact_on_first_attempt()
    {
        await using var receiver = new HttpTestReceiver((_, _) => new ReceiverReply(200, "ok"));
        var body = "{\"alert_name\":\"CPU 使用率过高\",\"value\":95.5}\n";
        var request = new WebhookRequest(receiver.Url("/alerts?src=bk"), "PUT", Encoding.UTF8.GetBytes(body), "application/vnd.bk+json; charset=utf-8", "key-1")
        {
            Headers = new Dictionary<string, string> { ["X-Token"] = "s3cret", ["X-Trace"] = "abc def" },
        };

        var result = await Sender().SendAsync(request, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(200, result.StatusCode);
        var received = Assert.Single(receiver.Requests);
        Assert.Equal("PUT", received.Method);
        Assert.Equal("/alerts?src=bk", received.Target);
        Assert.Equal(Encoding.UTF8.GetBytes(body), received.Body);
        Assert.Equal("application/vnd.bk+json; charset=utf-8", received.Header("Content-Type"));
        Assert.Equal("s3cret", received.Header("X-Token"));
        Assert.Equal("abc def", received.Header("X-Trace"));
        Assert.Equal("key-1", received.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task Two_500s_then_200_takes_three_attempts_with_one_idempotency_key_and_doubling_backoff()
    {
        await using var receiver = new HttpTestReceiver((_, i) => i < 2 ? new ReceiverReply(500, "busy") : new ReceiverReply(200));

        var result = await Sender().SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal("alert-1:abnormal:0", r.Header("Idempotency-Key")));
        Assert.All(receiver.Requests, r => Assert.Equal("""{"status":"firing"}""", Encoding.UTF8.GetString(r.Body)));
        var backoffs = _time.Timers.Where(t => t < TimeSpan.FromSeconds(1)).ToList();
        Assert.Equal([BaseDelay, BaseDelay * 2], backoffs);
    }

    [Fact]
    public async Task Always_500_fails_after_max_attempts_naming_status_and_body()
    {
        await using var receiver = new HttpTestReceiver((_, _) => new ReceiverReply(500, "database is down"));

        var result = await Sender().SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal("HTTP 500 after 3 attempts: database is down", result.Reason);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    public async Task Client_errors_other_than_429_are_not_retried(int status)
    {
        await using var receiver = new HttpTestReceiver((_, _) => new ReceiverReply(status, "no"));

        var result = await Sender().SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal($"HTTP {status}: no", result.Reason);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Http_429_with_retry_after_zero_is_retried_at_once()
    {
        var retryNow = new Dictionary<string, string> { ["Retry-After"] = "0" };
        await using var receiver = new HttpTestReceiver((_, i) => i == 0 ? new ReceiverReply(429, "", retryNow) : new ReceiverReply(204));

        var result = await Sender().SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        Assert.Equal(2, result.Attempts);
        // Retry-After replaces the backoff: no 10 ms wait was scheduled.
        Assert.DoesNotContain(BaseDelay, _time.Timers);
    }

    [Fact]
    public async Task Http_429_retry_after_is_honoured_up_to_the_cap()
    {
        var retryLater = new Dictionary<string, string> { ["Retry-After"] = "1" };
        await using var receiver = new HttpTestReceiver((_, i) => i == 0 ? new ReceiverReply(429, "slow down", retryLater) : new ReceiverReply(200));

        var result = await Sender(maxRetryAfter: TimeSpan.FromMilliseconds(40)).SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Contains(TimeSpan.FromMilliseconds(40), _time.Timers);
    }

    [Fact]
    public async Task Http_429_every_time_fails_after_max_attempts()
    {
        await using var receiver = new HttpTestReceiver((_, _) => new ReceiverReply(429, "quota"));

        var result = await Sender(maxAttempts: 2).SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal("HTTP 429 after 2 attempts: quota", result.Reason);
    }

    [Fact]
    public async Task Hanging_receiver_times_out_each_attempt_and_the_total_is_bounded()
    {
        await using var receiver = new HttpTestReceiver((_, _) => HttpTestReceiver.Hang);

        var result = await Sender(maxAttempts: 2, attemptTimeout: TimeSpan.FromMilliseconds(300)).SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Null(result.StatusCode);
        Assert.Equal("timed out after 0.3 s (attempt 2 of 2)", result.Reason);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.InRange(result.Duration, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Single_timeout_reads_as_timed_out_after_the_attempt_timeout()
    {
        await using var receiver = new HttpTestReceiver((_, _) => HttpTestReceiver.Hang);

        var result = await Sender(maxAttempts: 1, attemptTimeout: TimeSpan.FromMilliseconds(200)).SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal("timed out after 0.2 s", result.Reason);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        await using var receiver = new HttpTestReceiver((_, _) => HttpTestReceiver.Hang);
        using var cancel = new CancellationTokenSource();
        var sending = Sender().SendAsync(Request(receiver.Url()), cancel.Token);
        await receiver.WaitForRequestsAsync(1);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task Redirect_loop_fails_with_too_many_redirects_without_retrying()
    {
        await using var receiver = new HttpTestReceiver((_, i) =>
            new ReceiverReply(302, "", new Dictionary<string, string> { ["Location"] = $"/loop{i}" }));

        var result = await Sender().SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal("too many redirects (6)", result.Reason);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(6, receiver.Requests.Count);
    }

    [Fact]
    public async Task Temporary_redirect_to_a_working_url_keeps_method_body_and_key()
    {
        await using var receiver = new HttpTestReceiver((r, _) => r.Target == "/hook"
            ? new ReceiverReply(307, "", new Dictionary<string, string> { ["Location"] = "/moved" })
            : new ReceiverReply(200));

        var result = await Sender().SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        var moved = receiver.Requests[1];
        Assert.Equal(("POST", "/moved"), (moved.Method, moved.Target));
        Assert.Equal("""{"status":"firing"}""", Encoding.UTF8.GetString(moved.Body));
        Assert.Equal("alert-1:abnormal:0", moved.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task See_other_redirect_is_followed_with_get()
    {
        await using var receiver = new HttpTestReceiver((r, _) => r.Target == "/hook"
            ? new ReceiverReply(303, "", new Dictionary<string, string> { ["Location"] = "/done" })
            : new ReceiverReply(200));

        var result = await Sender().SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        Assert.Equal(("GET", "/done"), (receiver.Requests[1].Method, receiver.Requests[1].Target));
        Assert.Empty(receiver.Requests[1].Body);
    }

    [Fact]
    public async Task Redirect_without_location_is_a_failure()
    {
        await using var receiver = new HttpTestReceiver((_, _) => new ReceiverReply(302));

        var result = await Sender().SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(302, result.StatusCode);
        Assert.Equal("HTTP 302 redirect without a Location header", result.Reason);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Authorization_is_not_forwarded_to_another_origin()
    {
        await using var other = new HttpTestReceiver((_, _) => new ReceiverReply(200));
        await using var receiver = new HttpTestReceiver((_, _) =>
            new ReceiverReply(307, "", new Dictionary<string, string> { ["Location"] = other.Url("/elsewhere") }));
        var request = Request(receiver.Url()) with
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer t", ["X-Team"] = "ops" },
        };

        var result = await Sender().SendAsync(request, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        Assert.Equal("Bearer t", receiver.Requests[0].Header("Authorization"));
        var forwarded = Assert.Single(other.Requests);
        Assert.Null(forwarded.Header("Authorization"));
        Assert.Equal("ops", forwarded.Header("X-Team"));
    }

    [Fact]
    public async Task Refused_connection_is_retried_then_fails()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var result = await Sender().SendAsync(Request($"http://127.0.0.1:{port}/hook"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.StartsWith("connection failed after 3 attempts: ", result.Reason);
        Assert.Contains("refused", result.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([BaseDelay, BaseDelay * 2], _time.Timers.Where(t => t < TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("/relative/hook")]
    [InlineData("ftp://127.0.0.1/hook")]
    [InlineData("file:///etc/passwd")]
    public async Task Bad_url_is_a_failure_without_any_request(string url)
    {
        var result = await Sender().SendAsync(Request(url), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(0, result.Attempts);
        Assert.Equal($"invalid webhook URL '{url}': only absolute http/https URLs are accepted", result.Reason);
    }

    [Theory]
    [InlineData("Bad Name", "v", "invalid header name 'Bad Name'")]
    [InlineData("X-Evil", "a\r\nInjected: yes", "invalid value for header 'X-Evil': only printable ASCII is allowed")]
    [InlineData("Content-Length", "3", "header 'Content-Length' is set by the sender and cannot be configured")]
    [InlineData("Idempotency-Key", "other", "header 'Idempotency-Key' is set by the sender and cannot be configured")]
    public async Task Bad_header_is_a_failure_naming_it(string name, string value, string reason)
    {
        var request = Request("http://127.0.0.1:9/hook") with { Headers = new Dictionary<string, string> { [name] = value } };

        var result = await Sender().SendAsync(request, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public async Task Unsupported_method_is_a_failure()
    {
        var result = await Sender().SendAsync(Request("http://127.0.0.1:9/hook") with { Method = "TRACE" }, CancellationToken.None);

        Assert.Equal("unsupported HTTP method 'TRACE': use POST, PUT, PATCH, GET or DELETE", result.Reason);
    }

    [Fact]
    public async Task Long_error_body_is_read_up_to_the_cap_and_shortened_in_the_reason()
    {
        var huge = new string('x', 200_000);
        await using var receiver = new HttpTestReceiver((_, _) => new ReceiverReply(418, huge));

        var result = await Sender().SendAsync(Request(receiver.Url()), CancellationToken.None);

        Assert.Equal("HTTP 418: " + new string('x', 300) + "…", result.Reason);
    }

    [Fact]
    public void Options_out_of_range_are_rejected_naming_the_option()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new WebhookSender(_http, new WebhookSenderOptions { MaxAttempts = 0 }, TimeProvider.System));
        Assert.Equal("MaxAttempts", ex.ParamName);
    }
}
