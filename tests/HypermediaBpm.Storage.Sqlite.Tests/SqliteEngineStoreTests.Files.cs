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
        Assert.Equal((long)SqliteEngineStore.SchemaVersions.Count, Scalar(connection, "SELECT COUNT(*) FROM schema_version;"));
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
        Assert.Equal((long)SqliteEngineStore.SchemaVersions.Count, Scalar(connection, "SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public async Task InitializeAsync_MissingVersionBelowTheHighest_IsStillApplied()
    {
        // Arrange: a file migrated to the newest version, but without step 2 (as if step 2 had been merged in
        // from another branch after the file was migrated).
        var path = _directory.File("gap.db");
        await ((SqliteEngineStore)await OpenAsync(path)).DisposeAsync();
        using (var connection = Inspect(path))
        {
            Scalar(connection, """
                DROP TRIGGER IF EXISTS tr_history_participants_insert; DROP TRIGGER tr_history_participants_delete;
                DROP TABLE feed_participants; DROP INDEX ix_history_type; DROP INDEX IF EXISTS ix_history_process_type;
                DELETE FROM schema_version WHERE version = 2;
                """);
        }

        // Act
        await ((SqliteEngineStore)await OpenAsync(path)).DisposeAsync();

        // Assert
        using var migrated = Inspect(path);
        Assert.Equal(1L, Scalar(migrated, "SELECT COUNT(*) FROM schema_version WHERE version = 2;"));
        Assert.Equal(1L, Scalar(migrated, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'feed_participants';"));
    }

    [Fact]
    public async Task EventLogMigration_KeepsRowsTheirNumbersAndTheHighWaterMark()
    {
        // Arrange: a file with history whose newest rows were deleted, and migration 14 not yet applied to it.
        var path = _directory.File("eventlog.db");
        await ((SqliteEngineStore)await OpenAsync(path)).DisposeAsync();
        using (var connection = Inspect(path))
        {
            Scalar(connection, """
                INSERT INTO history (instance_id, process_key, type, occurred_at) VALUES ('i1', 'p', 'instance-started', 1), ('i1', 'p', 'task-created', 2),
                    ('i1', 'p', 'instance-completed', 3), ('i2', 'p', 'instance-started', 4);
                DELETE FROM history WHERE seq > 2;
                DELETE FROM schema_version WHERE version = 14;
                """);
        }

        // Act
        await ((SqliteEngineStore)await OpenAsync(path)).DisposeAsync();

        // Assert
        using var migrated = Inspect(path);
        Assert.Equal(1L, Scalar(migrated, "SELECT COUNT(*) FROM schema_version WHERE version = 14;"));
        Assert.Equal("1,2", Scalar(migrated, "SELECT group_concat(seq) FROM (SELECT seq FROM history ORDER BY seq);"));
        Assert.Equal(4L, Scalar(migrated, "SELECT seq FROM sqlite_sequence WHERE name = 'history';"));
        Assert.Equal(5L, Scalar(migrated, "INSERT INTO history (instance_id, process_key, type, occurred_at) VALUES ('r1', 'p', 'reservation-created', 5) RETURNING seq;"));
        Assert.Equal(5L, Scalar(migrated, "SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'history' AND type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%';"));
    }

    [Fact]
    public async Task Issue13_DefinitionSourcesMigration_KeepsStoredModelsReadableAsTheirUtf8Bytes()
    {
        // Arrange: a file as migration 14 left it, the model in definitions.bpmn_xml as text, migration 15 not applied.
        var path = _directory.File("sources.db");
        await ((SqliteEngineStore)await OpenAsync(path)).DisposeAsync();
        const string Model = "<definitions><process id=\"café\" name=\"Crème brûlée\"/></definitions>";
        using (var connection = Inspect(path))
        {
            Scalar(connection, $"""
                DROP TABLE definition_sources;
                ALTER TABLE definitions ADD COLUMN bpmn_xml TEXT NOT NULL DEFAULT '';
                INSERT INTO definitions (id, key, version, name, bpmn_xml, description, created_at, updated_at)
                VALUES ('d1', 'café', 1, 'Crème brûlée', '{Model}', 'About it', 1, 1);
                DELETE FROM schema_version WHERE version = 15;
                """);
        }

        // Act
        await using var store = (SqliteEngineStore)await OpenAsync(path);
        var record = await store.GetDefinitionAsync("d1", Ct);
        var source = await store.GetDefinitionSourceAsync("d1", Ct);

        // Assert
        Assert.Equal("Crème brûlée", record!.Name);
        Assert.Equal("About it", record.Description);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Model), source);
        using var migrated = Inspect(path);
        Assert.Equal(1L, Scalar(migrated, "SELECT COUNT(*) FROM schema_version WHERE version = 15;"));
        Assert.Equal(0L, Scalar(migrated, "SELECT COUNT(*) FROM pragma_table_info('definitions') WHERE name = 'bpmn_xml';"));
        Assert.Equal("blob", Scalar(migrated, "SELECT typeof(source) FROM definition_sources WHERE definition_id = 'd1';"));
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
