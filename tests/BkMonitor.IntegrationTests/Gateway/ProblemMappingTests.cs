using BkMonitor.ClientApi.Errors;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Postgres;
using BkMonitor.Runtime.Redis.Connections;
using BkMonitor.Runtime.Redis.Streams;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.IntegrationTests.Gateway;

/// <summary>
/// The gateway's exception mapping for the providers' failures (no I/O; here because this project references the
/// providers and the gateway): an unreachable store or a full queue is a 503 that names the kind, never its address.
/// </summary>
public sealed class ProblemMappingTests
{
    public static TheoryData<Exception, string> Unavailable => new()
    {
        { new RedisUnavailableException("Redis node default (10.0.0.7:6379) is unreachable: refused", null), "Redis" },
        { new PostgresUnavailableException("PostgreSQL at 10.0.0.8:5432/bkm is unreachable: refused", new TimeoutException()), "PostgreSQL" },
        { new QueueFullException("bkm:10.0.0.9:q3", 100_000, 100_000, 10), "the stream queue" },
        { new InvalidOperationException("activation failed", new RedisUnavailableException("Redis node default (10.0.0.7:6379) is unreachable", null)), "Redis" },
        { new AggregateException(new PostgresUnavailableException("PostgreSQL at 10.0.0.8:5432/bkm is unreachable", new TimeoutException())), "PostgreSQL" },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void Unreachable_stores_and_full_queues_are_503_naming_the_kind_without_the_address(Exception exception, string dependency)
    {
        var problem = ProblemExceptionHandler.Map(exception);

        Assert.Equal((503, "Service unavailable"), (problem.Status, problem.Title));
        Assert.Equal($"A service this request needs ({dependency}) is unavailable or overloaded; retry later.", problem.Detail);
        Assert.DoesNotContain("10.0.0", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unavailable_store_on_another_silo_is_a_503_too()
    {
        var remote = new DependencyUnavailableException("Redis", "Redis node default (10.0.0.7:6379) is unreachable");

        Assert.Equal(503, ProblemExceptionHandler.Map(remote).Status);
    }

    [Fact]
    public void Other_remote_failures_stay_500()
        => Assert.Equal(500, ProblemExceptionHandler.Map(new RemoteGrainException("Some.Bug", "boom", null)).Status);
}
