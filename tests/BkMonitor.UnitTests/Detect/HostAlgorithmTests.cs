using static BkMonitor.UnitTests.Detect.DetectFixture;

namespace BkMonitor.UnitTests.Detect;

public sealed class HostAlgorithmTests
{
    private readonly DetectFixture _fixture = new();

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(0.999999, false)]
    [InlineData(0, false)]
    public void Ping_unreachable_fires_at_full_loss(double loss, bool anomalous)
    {
        var algorithm = _fixture.Create("PingUnreachable");
        Assert.Equal(anomalous, _fixture.Detect(algorithm, loss) is { Message: "Ping不可达" });
    }

    [Theory]
    [InlineData(0, "当前进程(nginx)不存在")]
    [InlineData(1.9, null)]
    [InlineData(2, "当前进程(nginx)不存在")]
    public void Proc_port_flags_a_missing_process_by_the_integer_value(double value, string? message)
    {
        var dimensions = new Dictionary<string, string> { ["display_name"] = "nginx", ["nonlisten"] = "[]" };
        Assert.Equal(message, _fixture.Detect(_fixture.Create("ProcPort"), value, dimensions: dimensions)?.Message);
    }

    [Fact]
    public void Proc_port_flags_ports_not_listening_and_wrong_bind_ip()
    {
        var algorithm = _fixture.Create("ProcPort");
        var nonListen = new Dictionary<string, string> { ["display_name"] = "nginx", ["nonlisten"] = "[80]" };
        Assert.Equal("当前进程(nginx)存在，端口([80])不存在", _fixture.Detect(algorithm, 1, dimensions: nonListen)!.Message);

        var wrongIp = new Dictionary<string, string>
        {
            ["display_name"] = "nginx", ["nonlisten"] = "null", ["not_accurate_listen"] = "[\"0.0.0.0:80\"]", ["bind_ip"] = "10.0.0.1",
        };
        Assert.Equal("当前进程(nginx)和监听端口([\"0.0.0.0:80\"])存在，监听的IP与CMDB中配置的(10.0.0.1)不符",
            _fixture.Detect(algorithm, 1, dimensions: wrongIp)!.Message);

        var healthy = new Dictionary<string, string> { ["display_name"] = "nginx", ["not_accurate_listen"] = "[]" };
        Assert.Null(_fixture.Detect(algorithm, 1, dimensions: healthy));
    }

    [Fact]
    public void Proc_port_cannot_judge_a_nan_value() =>
        Assert.Null(_fixture.Detect(_fixture.Create("ProcPort"), double.NaN));

    [Fact]
    public void Os_restart_fires_on_a_low_uptime_after_a_higher_one_when_the_host_reported_before()
    {
        var fixture = new DetectFixture().At(T - 60, 86_000).At(T - 600, 85_500);
        var algorithm = fixture.Create("OsRestart");
        Assert.Equal("当前服务器在120.0秒前发生系统重启事件", fixture.Detect(algorithm, 120)!.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(600.5)]
    public void Os_restart_needs_uptime_within_0_exclusive_and_600_inclusive(double uptime)
    {
        var fixture = new DetectFixture().At(T - 1500, 85_500);
        Assert.Null(fixture.Detect(fixture.Create("OsRestart"), uptime));
    }

    [Fact]
    public void Os_restart_edge_600_is_included_and_missing_previous_period_is_allowed()
    {
        var fixture = new DetectFixture().At(T - 1500, 85_500);
        Assert.NotNull(fixture.Detect(fixture.Create("OsRestart"), 600));
    }

    [Fact]
    public void Os_restart_ignores_a_rising_uptime_and_a_host_that_never_reported()
    {
        var rising = new DetectFixture().At(T - 60, 100).At(T - 600, 1);
        Assert.Null(rising.Detect(rising.Create("OsRestart"), 160));

        var fresh = new DetectFixture().At(T - 60, 500);
        Assert.Null(fresh.Detect(fresh.Create("OsRestart"), 100));
    }
}
