using Npgsql;
using StackExchange.Redis;

namespace BkMonitor.IntegrationTests.Fixtures;

/// <summary>The fixtures start real servers that answer; Redis survives a restart on the same port.</summary>
public sealed class FixtureSmokeTests(RedisServerFixture redis, PostgresServerFixture postgres)
    : IClassFixture<RedisServerFixture>, IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Redis_answers_and_comes_back_after_restart()
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = connection.GetDatabase();
        await db.StringSetAsync("k", "v");
        Assert.Equal("v", (string?)await db.StringGetAsync("k"));
        await redis.RestartAsync();
        using var again = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        // No persistence in the fixture: a restarted server starts empty.
        Assert.False((await again.GetDatabase().StringGetAsync("k")).HasValue);
    }

    [Fact]
    public async Task Postgres_accepts_connections_to_the_test_database()
    {
        await using var conn = new NpgsqlConnection(postgres.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select current_database()", conn);
        Assert.Equal("bkmonitor", (string?)await cmd.ExecuteScalarAsync());
    }
}
