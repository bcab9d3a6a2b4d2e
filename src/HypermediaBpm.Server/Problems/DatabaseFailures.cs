using System.Net.Sockets;
using Npgsql;

namespace HypermediaBpm.Server.Problems;

/// <summary>
/// Which failures mean "the database cannot be reached right now" (a refused or broken connection, a server shutting
/// down or starting, a connect timeout): answered <c>503 DB_CONNECTION_ERROR</c> with <c>Retry-After</c>, never 500.
/// The node needs no restart: the connection pool opens new connections once the database is back.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>What a client is told to wait before trying again (seconds).</summary>
    public const int RetryAfterSeconds = 5;

    public static bool IsUnreachable(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03",
        NpgsqlException n => n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException,
        _ => exception.InnerException is { } inner && IsUnreachable(inner),
    };

    public static ProblemDocument Problem() => new(
        StatusCodes.Status503ServiceUnavailable,
        ProblemCodes.DbConnectionError,
        "The database cannot be reached. Try again shortly; a POST repeated with the same Idempotency-Key is applied at most once.",
        new Dictionary<string, object?> { ["service"] = "database", ["retry_after"] = RetryAfterSeconds });
}
