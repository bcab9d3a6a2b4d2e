using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Sql;

/// <summary>Errors after which trying the same work again can succeed.</summary>
internal static class Transient
{
    /// <summary>A deadlock (40P01) or a serialization failure (40001): another transaction won, nothing is wrong with ours.</summary>
    public static bool IsRetryable(PostgresException error) =>
        error.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
