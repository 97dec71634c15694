using BkMonitor.Runtime.Transport;

namespace BkMonitor.UnitTests.Transport;

public sealed class ReconnectBackoffTests
{
    private static readonly Exception Refused = new InvalidOperationException("refused");

    [Fact]
    public void Wait_doubles_per_failure_up_to_the_cap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(700));

        var waits = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            waits.Add(backoff.Failed(TimeSpan.Zero, Refused).TotalMilliseconds);
        }

        Assert.Equal([100, 200, 400, 700, 700], waits);
    }

    [Fact]
    public void Attempts_are_allowed_again_once_the_wait_has_passed()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        backoff.Failed(TimeSpan.FromSeconds(5), Refused);

        Assert.Equal(TimeSpan.FromMilliseconds(600), backoff.RemainingWait(TimeSpan.FromSeconds(5.4)));
        Assert.Equal(TimeSpan.Zero, backoff.RemainingWait(TimeSpan.FromSeconds(6)));
        Assert.Same(Refused, backoff.LastError);
    }

    [Fact]
    public void Success_resets_the_backoff()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        backoff.Failed(TimeSpan.Zero, Refused);
        backoff.Failed(TimeSpan.Zero, Refused);

        backoff.Succeeded();

        Assert.Equal(TimeSpan.Zero, backoff.RemainingWait(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Failed(TimeSpan.Zero, Refused));
    }

    [Fact]
    public void Zero_initial_backoff_never_waits()
    {
        var backoff = new ReconnectBackoff(TimeSpan.Zero, TimeSpan.FromSeconds(1));
        for (var i = 0; i < 1000; i++)
        {
            backoff.Failed(TimeSpan.Zero, Refused);
        }

        Assert.Equal(TimeSpan.Zero, backoff.RemainingWait(TimeSpan.Zero));
    }

    [Theory]
    [InlineData("ClusterId")]
    [InlineData("SendQueueCapacity")]
    [InlineData("ReconnectBackoffMax")]
    public void Invalid_options_name_the_setting(string setting)
    {
        var options = new SiloTransportOptions();
        switch (setting)
        {
            case "ClusterId": options.ClusterId = " "; break;
            case "SendQueueCapacity": options.SendQueueCapacity = 0; break;
            default: options.ReconnectBackoffMax = TimeSpan.FromMilliseconds(1); break;
        }

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(setting, error.ParamName);
    }
}
