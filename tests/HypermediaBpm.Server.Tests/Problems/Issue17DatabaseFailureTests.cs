using System.Net.Sockets;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Representations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HypermediaBpm.Server.Tests.Problems;

/// <summary>
/// Everything Npgsql throws while PostgreSQL is unreachable answers <c>503 DB_CONNECTION_ERROR</c>, never 500: refused
/// and timed-out connections, the server shutting down or starting, and the errors of objects used after their
/// connection broke. Errors of our own code stay 500.
/// </summary>
public sealed class Issue17DatabaseFailureTests
{
    private static readonly ExceptionProblemMapper Mapper = new(Options.Create(new RepresentationOptions()));

    public static TheoryData<Exception> Unreachable => new()
    {
        new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
        new NpgsqlException("Exception while reading from stream", new TimeoutException()),
        new NpgsqlException("Exception while reading from stream", new EndOfStreamException()),
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        new PostgresException("the database system is shutting down", "FATAL", "FATAL", "57P03"),
        new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300"),
        new PostgresException("connection failure", "FATAL", "FATAL", "08006"),
        new AggregateException(new InvalidCastException("first"), new NpgsqlException("broken", new IOException())),
        new InvalidOperationException("wrapped", new NpgsqlException("broken", new SocketException((int)SocketError.ConnectionReset))),
    };

    [Theory]
    [MemberData(nameof(Unreachable))]
    public void Issue17_NpgsqlErrorOfAnUnreachableDatabase_Is503DbConnectionError(Exception exception)
    {
        var problem = Mapper.Map(exception, new DefaultHttpContext());

        Assert.Equal(503, problem.Status);
        Assert.Equal(ProblemCodes.DbConnectionError, problem.Code);
        Assert.Equal(DatabaseFailures.RetryAfterSeconds, problem.Context["retry_after"]);
    }

    [Fact]
    public async Task Issue17_CommandOnAConnectionThatIsNotOpen_ThrownByNpgsql_Is503()
    {
        // What a command says when its connection broke under it (the state a 57P01 leaves): thrown by Npgsql itself.
        await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1");
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => command.ExecuteScalarAsync());

        Assert.Equal(503, Mapper.Map(thrown).Status);
    }

    [Fact]
    public async Task Issue17_DisposedConnectionUsed_ThrownByNpgsql_Is503()
    {
        var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1");
        await connection.DisposeAsync();
        var thrown = await Assert.ThrowsAsync<ObjectDisposedException>(() => connection.OpenAsync());

        Assert.Equal(503, Mapper.Map(thrown).Status);
    }

    [Fact]
    public void Issue17_InvalidOperationOfOurOwnCode_StaysA500()
    {
        InvalidOperationException thrown;
        try
        {
            throw new InvalidOperationException("Connection is not open");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        Assert.Equal(500, Mapper.Map(thrown).Status);
    }
}
