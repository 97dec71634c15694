using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Actions;
using Outcome = BkMonitor.Grains.Actions.WebhookAttemptOutcome;

namespace BkMonitor.UnitTests.Actions;

public sealed class WebhookRetryPolicyTests
{
    private static readonly WebhookRetryPolicy Policy = new();
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Uri Url = new("https://hooks.example/alert");

    private static WebhookRetryDecision Decide(Outcome outcome, int attempt = 1, int redirects = 0, int maxAttempts = 3, string method = "POST", Uri? url = null) =>
        Policy.Decide(outcome, new WebhookAttemptState(attempt, redirects, url ?? Url, method), maxAttempts, Now);

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    [InlineData(204)]
    public void Two_hundreds_succeed(int status)
        => Assert.Equal(WebhookNextStep.Succeeded, Decide(new Outcome.Response(status)).Step);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    public void Server_errors_retry_with_doubling_backoff(int attempt, int seconds)
    {
        var decision = Decide(new Outcome.Response(503, "Service Unavailable"), attempt, maxAttempts: 10);

        Assert.Equal(WebhookNextStep.Retry, decision.Step);
        Assert.Equal(TimeSpan.FromSeconds(seconds), decision.Delay);
    }

    [Fact]
    public void Backoff_is_capped()
        => Assert.Equal(TimeSpan.FromSeconds(30), Decide(new Outcome.Response(500), attempt: 9, maxAttempts: 20).Delay);

    [Fact]
    public void Last_attempt_fails_with_the_cause()
    {
        var decision = Decide(new Outcome.Response(502, "Bad Gateway"), attempt: 3, maxAttempts: 3);

        Assert.Equal(WebhookNextStep.Fail, decision.Step);
        Assert.Equal("HTTP 502 Bad Gateway; gave up after 3 attempt(s)", decision.Reason);
    }

    [Fact]
    public void Default_config_allows_three_attempts()
        => Assert.Equal(3, new WebhookExecuteConfig().MaxAttempts);

    [Fact]
    public void Timeouts_and_connection_errors_retry()
    {
        Assert.Equal(WebhookNextStep.Retry, Decide(new Outcome.Timeout(10)).Step);
        var failed = Decide(new Outcome.ConnectionError("connection refused"), attempt: 3);
        Assert.Equal("connection error: connection refused; gave up after 3 attempt(s)", failed.Reason);
        Assert.Equal("request timed out after 10 s; gave up after 3 attempt(s)", Decide(new Outcome.Timeout(10), attempt: 3).Reason);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(408)]
    [InlineData(422)]
    public void Client_errors_are_never_retried(int status)
    {
        var decision = Decide(new Outcome.Response(status), attempt: 1, maxAttempts: 5);

        Assert.Equal(WebhookNextStep.Fail, decision.Step);
        Assert.Equal($"HTTP {status} (client error, not retried)", decision.Reason);
    }

    [Fact]
    public void Rate_limit_honours_retry_after_seconds()
    {
        var decision = Decide(new Outcome.Response(429, "Too Many Requests", RetryAfter: "17"));

        Assert.Equal(WebhookNextStep.Retry, decision.Step);
        Assert.Equal(TimeSpan.FromSeconds(17), decision.Delay);
    }

    [Fact]
    public void Rate_limit_honours_retry_after_http_date()
        => Assert.Equal(TimeSpan.FromSeconds(45), Decide(new Outcome.Response(429, RetryAfter: "Mon, 01 Jan 2024 00:00:45 GMT")).Delay);

    [Fact]
    public void Rate_limit_without_hint_backs_off()
        => Assert.Equal(TimeSpan.FromSeconds(2), Decide(new Outcome.Response(429), attempt: 2).Delay);

    [Fact]
    public void Rate_limit_asking_too_long_a_wait_fails()
    {
        var decision = Decide(new Outcome.Response(429, "Too Many Requests", RetryAfter: "3600"));

        Assert.Equal(WebhookNextStep.Fail, decision.Step);
        Assert.Equal("HTTP 429 Too Many Requests: Retry-After 3600 s exceeds the 120 s limit", decision.Reason);
    }

    [Fact]
    public void Rate_limit_still_respects_max_attempts()
        => Assert.Equal(WebhookNextStep.Fail, Decide(new Outcome.Response(429, RetryAfter: "1"), attempt: 3).Step);

    [Fact]
    public void Redirect_is_followed_relative_to_the_current_url()
    {
        var decision = Decide(new Outcome.Response(307, Location: "/v2/alert"));

        Assert.Equal(WebhookNextStep.FollowRedirect, decision.Step);
        Assert.Equal(new Uri("https://hooks.example/v2/alert"), decision.RedirectUrl);
        Assert.Equal("POST", decision.RedirectMethod);
        Assert.False(decision.DropBody);
    }

    [Theory]
    [InlineData(301, "POST", "GET", true)]
    [InlineData(302, "POST", "GET", true)]
    [InlineData(303, "PUT", "GET", true)]
    [InlineData(308, "POST", "POST", false)]
    [InlineData(301, "PUT", "PUT", false)]
    public void Redirect_method_follows_http_client_rules(int status, string method, string expectedMethod, bool dropBody)
    {
        var decision = Decide(new Outcome.Response(status, Location: "https://other.example/x"), method: method);

        Assert.Equal(expectedMethod, decision.RedirectMethod);
        Assert.Equal(dropBody, decision.DropBody);
    }

    [Fact]
    public void Redirects_are_bounded_to_five()
    {
        Assert.Equal(WebhookNextStep.FollowRedirect, Decide(new Outcome.Response(302, Location: "/a"), redirects: 4).Step);

        var sixth = Decide(new Outcome.Response(302, Location: "/a"), redirects: 5);

        Assert.Equal(WebhookNextStep.Fail, sixth.Step);
        Assert.Equal("too many redirects (more than 5)", sixth.Reason);
    }

    [Fact]
    public void Redirect_without_location_fails()
        => Assert.Equal("HTTP 302 without a usable Location header", Decide(new Outcome.Response(302)).Reason);

    [Fact]
    public void Redirect_from_https_to_http_is_refused()
        => Assert.Equal(WebhookNextStep.Fail, Decide(new Outcome.Response(301, Location: "http://hooks.example/")).Step);

    [Theory]
    [InlineData(100)]
    [InlineData(304)]
    public void Unexpected_statuses_fail(int status)
        => Assert.Equal($"unexpected HTTP {status}", Decide(new Outcome.Response(status)).Reason);
}
