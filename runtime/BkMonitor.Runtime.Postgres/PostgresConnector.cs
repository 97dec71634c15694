using Npgsql;

namespace BkMonitor.Runtime.Postgres;

/// <summary>Opens connections from one pooled data source and turns connection failures into errors that name the endpoint.</summary>
internal sealed class PostgresConnector : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresConnector(PostgresOptions options)
    {
        options.Validate();
        Options = options;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Endpoint = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public PostgresOptions Options { get; }

    /// <summary>host:port/database, for error messages and health.</summary>
    public string Endpoint { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new PostgresUnavailableException($"PostgreSQL at {Endpoint} is unreachable: {ex.Message}", ex);
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

/// <summary>PostgreSQL could not be reached; the message names the endpoint.</summary>
public sealed class PostgresUnavailableException(string message, Exception inner) : DependencyUnavailableException("PostgreSQL", message, inner);
