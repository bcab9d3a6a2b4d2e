using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scripting;
using HypermediaBpm.Storage.Sqlite;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Engine.Tests.Support;

/// <summary>
/// An engine on a real SQLite file with a manual clock. Every command goes through the store, so each
/// scenario step is a save and a restore; <see cref="ReopenAsync"/> swaps in a new engine and store on the
/// same file, as a restarted or second server process would.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly TestDirectory _directory = new("engine");
    private SqliteEngineStore _store = null!;

    public ManualClock Clock { get; } = new();

    public ProcessEngine Engine { get; private set; } = null!;

    public IEngineStore Store => _store;

    public string DatabasePath => _directory.File("engine.db");

    public static async Task<EngineHarness> CreateAsync(ScriptLimits? limits = null)
    {
        var harness = new EngineHarness();
        await harness.OpenAsync(limits);
        return harness;
    }

    public async Task ReopenAsync()
    {
        await _store.DisposeAsync();
        await OpenAsync(null);
    }

    /// <summary>A second engine and store on the same file, as another server process.</summary>
    public async Task<(ProcessEngine Engine, SqliteEngineStore Store)> OpenSecondAsync()
    {
        var store = new SqliteEngineStore(new SqliteStoreOptions { Path = DatabasePath, Clock = Clock });
        await store.InitializeAsync(CancellationToken.None);
        return (new ProcessEngine(store, new EngineOptions { Clock = Clock }), store);
    }

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".bpmn"));

    public async Task<string> DeployAsync(string fixture)
    {
        var record = await Engine.DeployAsync(Fixture(fixture), null, null, null, CancellationToken.None);
        return record.Key;
    }

    /// <summary>Deploys a model of the shared corpus's <c>execute/</c> folder.</summary>
    public async Task<string> DeployCorpusAsync(string fileName)
    {
        var xml = await File.ReadAllTextAsync(Path.Combine(Corpus.Root, "execute", fileName));
        var record = await Engine.DeployAsync(xml, null, null, null, CancellationToken.None);
        return record.Key;
    }

    /// <summary>The open (or claimed) tasks of an instance, by activity id.</summary>
    public async Task<TaskRecord> OpenTaskAsync(string instanceId, string activityId) =>
        Assert.Single(await TasksAsync(instanceId), t => t.ActivityId == activityId && TaskStates.IsActive(t.State));

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
        _directory.Dispose();
    }

    private async Task OpenAsync(ScriptLimits? limits)
    {
        _store = new SqliteEngineStore(new SqliteStoreOptions { Path = DatabasePath, Clock = Clock });
        await _store.InitializeAsync(CancellationToken.None);
        Engine = new ProcessEngine(_store, new EngineOptions { Clock = Clock, ScriptLimits = limits ?? ScriptLimits.Default });
    }
}
