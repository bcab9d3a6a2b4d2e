using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres;
using HypermediaBpm.Storage.Postgres.Tests.Support;
using HypermediaBpm.Testing;

// The namespace of the engine tests' harness, so that their conformance tests compile here unchanged against this one.
namespace HypermediaBpm.Engine.Tests.Support;

/// <summary>
/// The engine tests' harness on PostgreSQL: an engine with a manual clock on a database of its own (copied from the
/// migrated template), every command a real commit and every read a real query. Same members as the SQLite harness
/// that the corpus conformance tests use.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private PostgresEngineStore _store = null!;
    private string _connectionString = null!;

    public ManualClock Clock { get; } = new();

    public ProcessEngine Engine { get; private set; } = null!;

    public IEngineStore Store => _store;

    public static async Task<EngineHarness> CreateAsync()
    {
        var harness = new EngineHarness { _connectionString = await MigratedTemplate.CreateDatabaseAsync("engine") };
        harness._store = new PostgresEngineStore(new PostgresStoreOptions { ConnectionString = harness._connectionString, Clock = harness.Clock });
        await harness._store.InitializeAsync(CancellationToken.None);
        harness.Engine = new ProcessEngine(harness._store, new EngineOptions { Clock = harness.Clock });
        return harness;
    }

    /// <summary>Deploys a model of the shared corpus's <c>execute/</c> folder.</summary>
    public async Task<string> DeployCorpusAsync(string fileName)
    {
        var xml = await File.ReadAllTextAsync(Path.Combine(Corpus.Root, "execute", fileName));
        return (await Engine.DeployAsync(xml, null, null, null, CancellationToken.None)).Key;
    }

    public async Task<ProcessInstance> StartAsync(string key, IReadOnlyDictionary<string, object?>? variables = null, CommandContext? context = null)
    {
        var outcome = await Engine.StartAsync(key, null, null, variables ?? new Dictionary<string, object?>(), false, context ?? CommandContext.Anonymous, CancellationToken.None);
        return await Engine.GetInstanceAsync(outcome.InstanceId, CancellationToken.None);
    }

    public async Task<IReadOnlyList<TaskRecord>> TasksAsync(string instanceId, string? state = null) =>
        (await Store.QueryTasksAsync(new TaskQuery(new PageRequest(100), state, InstanceId: instanceId), CancellationToken.None)).Items;

    /// <summary>The instance's whole history, oldest first (every page).</summary>
    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId)
    {
        var all = new List<HistoryEvent>();
        string? after = null;
        while (true)
        {
            var page = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(PageRequest.MaxSize, After: after), instanceId), CancellationToken.None);
            all.AddRange(page.Items);
            if (!page.HasNext)
            {
                return all;
            }

            after = page.LastKey;
        }
    }

    public Task CompleteAsync(TaskRecord task, IReadOnlyDictionary<string, object?>? variables = null) =>
        Engine.CompleteTaskAsync(task.Id, variables ?? new Dictionary<string, object?>(), false, CommandContext.Anonymous, CancellationToken.None);

    public Task<ProcessInstance> InstanceAsync(string id) => Engine.GetInstanceAsync(id, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }
}
