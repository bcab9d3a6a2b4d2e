using HypermediaBpm.Storage.Postgres.Tests.Support;

namespace HypermediaBpm.Storage.Postgres.Tests.MultiNode;

/// <summary>
/// Two real server processes, node-a and node-b, started at the same moment on one new, empty database (so they race to
/// migrate it), shared by the tests of a class.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public ServerNode A { get; private set; } = null!;

    public ServerNode B { get; private set; } = null!;

    public Database Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("nodes");
        Database = new Database(connectionString);
        var nodes = await Task.WhenAll(ServerNode.StartAsync("node-a", connectionString), ServerNode.StartAsync("node-b", connectionString));
        (A, B) = (nodes[0], nodes[1]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Database.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(Database.ConnectionString);
    }
}
