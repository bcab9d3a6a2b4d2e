using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Storage.Sqlite.Tests;

public sealed partial class SqliteEngineStoreTests
{
    [Fact]
    public async Task InitializeAsync_MissingDirectories_CreatesThemAndTheFile()
    {
        // Arrange
        var path = _directory.File(Path.Combine("a", "b", "nested.db"));

        // Act
        await using var store = (SqliteEngineStore)await OpenAsync(path);

        // Assert
        Assert.True(File.Exists(path));
        Assert.Equal(path, store.DatabasePath);
    }

    [Fact]
    public void InitializeAsync_NewDatabase_UsesWalAndRecordsEachMigrationOnce()
    {
        // Arrange: the base class already initialized the store on a new file.

        // Act
        using var connection = Inspect(DatabasePath);

        // Assert
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteEngineStore.MigrationCount, Scalar(connection, "SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal((long)SqliteEngineStore.SchemaVersion, Scalar(connection, "SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public async Task InitializeAsync_SeveralStoresOnANewFileAtOnce_AllSucceedAndMigrateOnce()
    {
        // Arrange
        var path = _directory.File("race.db");
        var stores = Enumerable.Range(0, 4).Select(_ => new SqliteEngineStore(new SqliteStoreOptions { Path = path })).ToList();

        // Act
        await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(Ct))));
        var record = await stores[0].AddDefinitionAsync(Samples.Definition("race"), Ct);
        var seen = await stores[3].GetDefinitionAsync(record.Id, Ct);
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        // Assert
        Assert.Equal(record, seen);
        using var connection = Inspect(path);
        Assert.Equal((long)SqliteEngineStore.MigrationCount, Scalar(connection, "SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseFromANewerBuild_Throws()
    {
        // Arrange
        var path = _directory.File("newer.db");
        await ((SqliteEngineStore)await OpenAsync(path)).DisposeAsync();
        using (var connection = Inspect(path))
        {
            Scalar(connection, "INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', 0);");
        }

        // Act
        await using var store = new SqliteEngineStore(new SqliteStoreOptions { Path = path });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));

        // Assert
        Assert.Contains("9999", error.Message);
    }

    [Fact]
    public async Task PingAsync_Initialized_Succeeds()
    {
        // Arrange: the base class opened the store.

        // Act
        var error = await Record.ExceptionAsync(() => Store.PingAsync(Ct));

        // Assert
        Assert.Null(error);
    }

    [Fact]
    public async Task PingAsync_DirectoryRemoved_Throws()
    {
        // Arrange
        var directory = _directory.File("gone");
        await using var store = (SqliteEngineStore)await OpenAsync(Path.Combine(directory, "store.db"));
        Directory.Delete(directory, recursive: true);

        // Act
        var error = await Record.ExceptionAsync(() => store.PingAsync(Ct));

        // Assert
        Assert.NotNull(error);
    }

    [Fact]
    public async Task SynchronousNormal_CommitThenReopen_KeepsData()
    {
        // Arrange
        var path = _directory.File("normal.db");
        var store = await OpenAsync(path, SqliteSynchronous.Normal);
        var definition = await DeployAsync("fast", store: store);
        var instance = await StartAsync(definition, store: store);
        await ((SqliteEngineStore)store).DisposeAsync();

        // Act
        await using var reopened = (SqliteEngineStore)await OpenAsync(path, SqliteSynchronous.Normal);

        // Assert
        Assert.Equal(instance, (await reopened.GetInstanceAsync(instance.Id, Ct))!.Summary);
    }
}
