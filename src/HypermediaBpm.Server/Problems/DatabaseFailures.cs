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

    /// <remarks>
    /// Besides Npgsql's own errors, an <see cref="InvalidOperationException"/> or <see cref="ObjectDisposedException"/>
    /// thrown by Npgsql itself counts: it is what a connection, command or transaction says when it is used after its
    /// connection broke ("Connection is not open", "This NpgsqlTransaction has completed"), which a database going away
    /// in the middle of a transaction leaves behind. Every inner exception of an <see cref="AggregateException"/> is asked.
    /// </remarks>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        NpgsqlException n => n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException,
        ObjectDisposedException d when d.ObjectName?.StartsWith("Npgsql", StringComparison.Ordinal) == true || FromNpgsql(d) => true,
        InvalidOperationException when FromNpgsql(exception) => true,
        AggregateException a => a.InnerExceptions.Any(IsUnreachable),
        _ => exception.InnerException is { } inner && IsUnreachable(inner),
    };

    /// <summary>
    /// Whether Npgsql threw it (its stack's top frame is in Npgsql), not our code about Npgsql objects. A disposed Npgsql
    /// object throws through the runtime's helper, so that one is told by its object name instead.
    /// </summary>
    private static bool FromNpgsql(Exception exception) =>
        exception.Source == "Npgsql" || exception.TargetSite?.DeclaringType?.Namespace?.StartsWith("Npgsql", StringComparison.Ordinal) == true;

    public static ProblemDocument Problem() => new(
        StatusCodes.Status503ServiceUnavailable,
        ProblemCodes.DbConnectionError,
        "The database cannot be reached. Try again shortly; a POST repeated with the same Idempotency-Key is applied at most once.",
        new Dictionary<string, object?> { ["service"] = "database", ["retry_after"] = RetryAfterSeconds });
}
